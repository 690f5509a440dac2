using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Tests.Client;

public sealed class CognitoTokenClientCachingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_concurrent_callers_on_a_cold_cache_cause_exactly_one_token_request()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var host = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(cognito));
        var client = host.Client;

        var tokens = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => client.GetTokenAsync(cancellationToken: Ct), Ct)));

        Assert.Equal(1, cognito.Requests.Token);
        Assert.Single(tokens.Select(t => t.Value).Distinct());
    }

    [Fact]
    public async Task A_token_is_refreshed_once_it_enters_the_refresh_buffer_and_not_before()
    {
        var time = new TokenClientFakeTimeProvider();
        await using var cognito = await TestCognito.StartAsync(new LocalCognitoOptions { TimeProvider = time }, Ct);
        await using var host = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(cognito),
            time);
        var client = host.Client;

        var first = await client.GetTokenAsync(cancellationToken: Ct);
        Assert.Equal(TokenClientTestData.Start + TimeSpan.FromHours(1), first.ExpiresAt);

        time.Advance(TimeSpan.FromMinutes(59) - TimeSpan.FromSeconds(1));
        var stillCached = await client.GetTokenAsync(cancellationToken: Ct);
        Assert.Equal(first.Value, stillCached.Value);
        Assert.Equal(1, cognito.Requests.Token);

        time.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => client.GetTokenAsync(cancellationToken: Ct), Ct)));

        Assert.Equal(2, cognito.Requests.Token);
        var renewed = Assert.Single(refreshed.Select(t => t.Value).Distinct());
        Assert.NotEqual(first.Value, renewed);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(1), refreshed[0].ExpiresAt);
    }

    [Fact]
    public async Task Default_scopes_changed_in_configuration_take_effect_on_the_next_call()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var host = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(cognito));
        var first = await host.Client.GetTokenAsync(cancellationToken: Ct);
        var warm = await host.Client.GetTokenAsync(cancellationToken: Ct);

        host.ChangeSetting("Cognito:Scopes:1", LocalCognitoDevelopmentPool.WriteScope);
        var afterChange = await host.Client.GetTokenAsync(cancellationToken: Ct);
        var warmAfterChange = await host.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(first.Value, warm.Value);
        Assert.Equal(LocalCognitoDevelopmentPool.ReadScope, first.Scope);
        Assert.NotEqual(first.Value, afterChange.Value);
        Assert.Equal($"{LocalCognitoDevelopmentPool.ReadScope} {LocalCognitoDevelopmentPool.WriteScope}", afterChange.Scope);
        Assert.Equal(afterChange.Value, warmAfterChange.Value);
        Assert.Equal(2, cognito.Requests.Token);
    }

    [Fact]
    public async Task Different_scope_sets_are_cached_apart_and_scope_order_does_not_matter()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var host = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(cognito));

        var both = await host.Client.GetTokenAsync(["my-api/write", "my-api/read"], Ct);
        var bothAgain = await host.Client.GetTokenAsync(["my-api/read", "my-api/write"], Ct);
        var readOnly = await host.Client.GetTokenAsync(["my-api/read"], Ct);

        Assert.Equal(both.Value, bothAgain.Value);
        Assert.NotEqual(both.Value, readOnly.Value);
        Assert.Equal("my-api/read my-api/write", both.Scope);
        Assert.Equal(2, cognito.Requests.Token);
    }

    [Fact]
    public async Task Two_named_clients_are_kept_apart()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = new Dictionary<string, string?>
        {
            ["Cognito:Clients:calculator:TokenEndpoint"] = cognito.DevelopmentPool!.TokenEndpoint.AbsoluteUri,
            ["Cognito:Clients:calculator:ClientId"] = LocalCognitoDevelopmentPool.M2MClientId,
            ["Cognito:Clients:calculator:ClientSecret"] = LocalCognitoDevelopmentPool.M2MClientSecret,
            ["Cognito:Clients:calculator:Scopes:0"] = LocalCognitoDevelopmentPool.ReadScope,
            ["Cognito:Clients:admin:TokenEndpoint"] = cognito.DevelopmentPool.TokenEndpoint.AbsoluteUri,
            ["Cognito:Clients:admin:ClientId"] = LocalCognitoDevelopmentPool.OtherApiM2MClientId,
            ["Cognito:Clients:admin:ClientSecret"] = LocalCognitoDevelopmentPool.OtherApiM2MClientSecret,
            ["Cognito:Clients:admin:ClientAuthentication"] = "ClientSecretPost",
            ["Cognito:Clients:admin:Scopes:0"] = LocalCognitoDevelopmentPool.OtherApiAdminScope,
        };
        await using var host = TokenClientTestHost.Create(settings, configure: (services, configuration) => services
            .AddCognitoTokenClient("calculator", configuration.GetSection("Cognito:Clients:calculator"))
            .AddCognitoTokenClient("admin", configuration.GetSection("Cognito:Clients:admin")));

        var calculator = await host.GetClient("calculator").GetTokenAsync(cancellationToken: Ct);
        var admin = await host.GetClient("admin").GetTokenAsync(cancellationToken: Ct);
        var keyed = host.Services.GetRequiredKeyedService<Cognito.Mcp.Auth.Client.ICognitoTokenClient>("admin");

        Assert.Equal(LocalCognitoDevelopmentPool.M2MClientId, new JsonWebToken(calculator.Value).GetClaim("client_id").Value);
        Assert.Equal(LocalCognitoDevelopmentPool.ReadScope, new JsonWebToken(calculator.Value).GetClaim("scope").Value);
        Assert.Equal(LocalCognitoDevelopmentPool.OtherApiM2MClientId, new JsonWebToken(admin.Value).GetClaim("client_id").Value);
        Assert.Equal(admin.Value, (await keyed.GetTokenAsync(cancellationToken: Ct)).Value);
        Assert.Equal(2, cognito.Requests.Token);
        Assert.Throws<InvalidOperationException>(() => host.Client);
    }

    [Fact]
    public async Task Two_service_providers_sharing_a_distributed_cache_make_one_token_request()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var shared = new TokenClientSharedDistributedCache();
        var settings = TokenClientTestHost.DefaultSettings(cognito);
        await using var first = TokenClientTestHost.Create(settings, distributedCache: shared);
        await using var second = TokenClientTestHost.Create(settings, distributedCache: shared);

        var fromFirst = await first.Client.GetTokenAsync(cancellationToken: Ct);
        var fromSecond = await second.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(fromFirst.Value, fromSecond.Value);
        Assert.Equal(fromFirst.ExpiresAt, fromSecond.ExpiresAt);
        Assert.Equal(1, cognito.Requests.Token);
        Assert.Equal(1, shared.Count);
    }

    [Fact]
    public async Task A_forced_renewal_bypasses_the_cache_once_however_many_callers_saw_the_token_rejected()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var host = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(cognito));
        var rejected = await host.Client.GetTokenAsync(cancellationToken: Ct);

        var renewed = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => host.Client.RenewTokenAsync(rejectedToken: rejected, cancellationToken: Ct), Ct)));
        var afterwards = await host.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(2, cognito.Requests.Token);
        var value = Assert.Single(renewed.Select(t => t.Value).Distinct());
        Assert.NotEqual(rejected.Value, value);
        Assert.Equal(value, afterwards.Value);
    }
}
