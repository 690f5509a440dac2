using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Tests.Client;

public sealed class CognitoTokenClientCachingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_concurrent_callers_on_a_cold_cache_cause_exactly_one_token_request()
    {
        await using var cognito = await TokenClientFakeCognito.StartAsync();
        await using var host = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(cognito.TokenEndpoint, TokenClientFakeCognito.ClientId, TokenClientFakeCognito.ClientSecret));
        var client = host.Client;

        var tokens = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => client.GetTokenAsync(cancellationToken: Ct), Ct)));

        Assert.Equal(1, cognito.TokenRequests);
        Assert.Single(tokens.Select(t => t.Value).Distinct());
    }

    [Fact]
    public async Task A_token_is_refreshed_once_it_enters_the_refresh_buffer_and_not_before()
    {
        var time = new TokenClientFakeTimeProvider();
        await using var cognito = await TokenClientFakeCognito.StartAsync(time);
        await using var host = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(cognito.TokenEndpoint, TokenClientFakeCognito.ClientId, TokenClientFakeCognito.ClientSecret),
            time);
        var client = host.Client;

        var first = await client.GetTokenAsync(cancellationToken: Ct);
        Assert.Equal(TokenClientTestData.Start + TimeSpan.FromHours(1), first.ExpiresAt);

        time.Advance(TimeSpan.FromMinutes(59) - TimeSpan.FromSeconds(1));
        var stillCached = await client.GetTokenAsync(cancellationToken: Ct);
        Assert.Equal(first.Value, stillCached.Value);
        Assert.Equal(1, cognito.TokenRequests);

        time.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => client.GetTokenAsync(cancellationToken: Ct), Ct)));

        Assert.Equal(2, cognito.TokenRequests);
        var renewed = Assert.Single(refreshed.Select(t => t.Value).Distinct());
        Assert.NotEqual(first.Value, renewed);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(1), refreshed[0].ExpiresAt);
    }

    [Fact]
    public async Task Different_scope_sets_are_cached_apart_and_scope_order_does_not_matter()
    {
        await using var cognito = await TokenClientFakeCognito.StartAsync();
        await using var host = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(cognito.TokenEndpoint, TokenClientFakeCognito.ClientId, TokenClientFakeCognito.ClientSecret));

        var both = await host.Client.GetTokenAsync(["my-api/write", "my-api/read"], Ct);
        var bothAgain = await host.Client.GetTokenAsync(["my-api/read", "my-api/write"], Ct);
        var readOnly = await host.Client.GetTokenAsync(["my-api/read"], Ct);

        Assert.Equal(both.Value, bothAgain.Value);
        Assert.NotEqual(both.Value, readOnly.Value);
        Assert.Equal("my-api/read my-api/write", both.Scope);
        Assert.Equal(2, cognito.TokenRequests);
    }

    [Fact]
    public async Task Two_named_clients_are_kept_apart()
    {
        await using var cognito = await TokenClientFakeCognito.StartAsync();
        cognito.AddClient("weatherclient00000000000000", "weathersecret0123456789abcdefghijklmnopqrstuvwxyzAB", "weather/read");
        var settings = new Dictionary<string, string?>
        {
            ["Cognito:Clients:calculator:TokenEndpoint"] = cognito.TokenEndpoint.AbsoluteUri,
            ["Cognito:Clients:calculator:ClientId"] = TokenClientFakeCognito.ClientId,
            ["Cognito:Clients:calculator:ClientSecret"] = TokenClientFakeCognito.ClientSecret,
            ["Cognito:Clients:calculator:Scopes:0"] = "my-api/read",
            ["Cognito:Clients:weather:TokenEndpoint"] = cognito.TokenEndpoint.AbsoluteUri,
            ["Cognito:Clients:weather:ClientId"] = "weatherclient00000000000000",
            ["Cognito:Clients:weather:ClientSecret"] = "weathersecret0123456789abcdefghijklmnopqrstuvwxyzAB",
            ["Cognito:Clients:weather:ClientAuthentication"] = "ClientSecretPost",
        };
        await using var host = TokenClientTestHost.Create(settings, configure: (services, configuration) => services
            .AddCognitoTokenClient("calculator", configuration.GetSection("Cognito:Clients:calculator"))
            .AddCognitoTokenClient("weather", configuration.GetSection("Cognito:Clients:weather")));

        var calculator = await host.GetClient("calculator").GetTokenAsync(cancellationToken: Ct);
        var weather = await host.GetClient("weather").GetTokenAsync(cancellationToken: Ct);
        var keyed = host.Services.GetRequiredKeyedService<Cognito.Mcp.Auth.Client.ICognitoTokenClient>("weather");

        Assert.Contains(TokenClientFakeCognito.ClientId, calculator.Value, StringComparison.Ordinal);
        Assert.Equal("my-api/read", calculator.Scope);
        Assert.Contains("weatherclient00000000000000", weather.Value, StringComparison.Ordinal);
        Assert.Equal(weather.Value, (await keyed.GetTokenAsync(cancellationToken: Ct)).Value);
        Assert.Equal(2, cognito.TokenRequests);
        Assert.Throws<InvalidOperationException>(() => host.Client);
    }

    [Fact]
    public async Task Two_service_providers_sharing_a_distributed_cache_make_one_token_request()
    {
        await using var cognito = await TokenClientFakeCognito.StartAsync();
        var shared = new TokenClientSharedDistributedCache();
        var settings = TokenClientTestHost.DefaultSettings(cognito.TokenEndpoint, TokenClientFakeCognito.ClientId, TokenClientFakeCognito.ClientSecret);
        await using var first = TokenClientTestHost.Create(settings, distributedCache: shared);
        await using var second = TokenClientTestHost.Create(settings, distributedCache: shared);

        var fromFirst = await first.Client.GetTokenAsync(cancellationToken: Ct);
        var fromSecond = await second.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(fromFirst.Value, fromSecond.Value);
        Assert.Equal(fromFirst.ExpiresAt, fromSecond.ExpiresAt);
        Assert.Equal(1, cognito.TokenRequests);
        Assert.Equal(1, shared.Count);
    }

    [Fact]
    public async Task A_forced_renewal_bypasses_the_cache_once_however_many_callers_saw_the_token_rejected()
    {
        await using var cognito = await TokenClientFakeCognito.StartAsync();
        await using var host = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(cognito.TokenEndpoint, TokenClientFakeCognito.ClientId, TokenClientFakeCognito.ClientSecret));
        var rejected = await host.Client.GetTokenAsync(cancellationToken: Ct);

        var renewed = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => host.Client.RenewTokenAsync(rejectedToken: rejected, cancellationToken: Ct), Ct)));
        var afterwards = await host.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(2, cognito.TokenRequests);
        var value = Assert.Single(renewed.Select(t => t.Value).Distinct());
        Assert.NotEqual(rejected.Value, value);
        Assert.Equal(value, afterwards.Value);
    }
}
