using System.Net;
using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;

namespace Cognito.Mcp.Auth.Tests.Client;

public sealed class CognitoTokenClientResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task Transient_failures_are_retried_until_a_token_arrives(HttpStatusCode status)
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var host = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(cognito));
        cognito.Faults.FailNextTokenRequests(2, status);

        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.NotEmpty(token.Value);
        Assert.Equal(3, cognito.Requests.Token);
        Assert.Equal(2, host.Logs.GetSnapshot().Count(r => r.Id.Id == 4105));
    }

    [Fact]
    public async Task A_failure_is_not_cached_and_the_next_caller_tries_again()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = TokenClientTestHost.DefaultSettings(cognito);
        settings["Cognito:MaxRetryAttempts"] = "1";
        await using var host = TokenClientTestHost.Create(settings);
        cognito.Faults.FailNextTokenRequests(2, HttpStatusCode.BadGateway);

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));
        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadGateway, failure.StatusCode);
        Assert.Contains("HTTP 502", failure.Message, StringComparison.Ordinal);
        Assert.NotEmpty(token.Value);
        Assert.Equal(3, cognito.Requests.Token);
    }

    [Fact]
    public async Task Too_many_requests_waits_exactly_the_Retry_After_the_server_asked_for()
    {
        var time = new TokenClientFakeTimeProvider();
        await using var cognito = await TestCognito.StartAsync(new LocalCognitoOptions { TimeProvider = time }, Ct);
        await using var host = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(cognito), time);
        cognito.Faults.FailNextTokenRequests(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(17));

        var pending = host.Client.GetTokenAsync(cancellationToken: Ct);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(17));
        Assert.False(pending.IsCompleted);
        Assert.Equal(1, cognito.Requests.Token);
        time.Advance(TimeSpan.FromSeconds(17));
        var token = await pending.WaitAsync(TokenClientTestData.Patience, Ct);

        Assert.NotEmpty(token.Value);
        Assert.Equal(2, cognito.Requests.Token);
        var retry = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 4105);
        Assert.Equal("00:00:17", retry.GetStructuredStateValue("RetryDelay"));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_longest_allowed_delay_fails_at_once()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var host = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(cognito));
        cognito.Faults.FailNextTokenRequests(1, HttpStatusCode.TooManyRequests, TimeSpan.FromMinutes(10));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, failure.StatusCode);
        Assert.Contains("Cognito:MaxRetryDelay", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, cognito.Requests.Token);
    }

    [Fact]
    public async Task Attempts_that_outlive_their_timeout_are_abandoned_retried_and_explained()
    {
        // Real time, but nothing waits on it: each held attempt is abandoned by the client's own per-attempt timeout.
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = TokenClientTestHost.DefaultSettings(cognito);
        settings["Cognito:AttemptTimeout"] = "00:00:00.200";
        settings["Cognito:MaxRetryAttempts"] = "1";
        await using var host = TokenClientTestHost.Create(settings);
        var gate = cognito.Faults.HoldTokenRequests();
        try
        {
            var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct).WaitAsync(TokenClientTestData.Patience, Ct));

            Assert.Contains("did not answer within 00:00:00.2000000 on any of 2 attempts", failure.Message, StringComparison.Ordinal);
            Assert.Contains("Cognito:AttemptTimeout", failure.Message, StringComparison.Ordinal);
            Assert.Equal(2, cognito.Requests.Token);
        }
        finally
        {
            gate.Release();
        }

        // Failures are not cached: once Cognito answers, the next call succeeds. (A generous timeout again: on a loaded
        // machine LocalCognito may well take longer than 200 ms, which is not what this part is about.)
        host.ChangeSetting("Cognito:AttemptTimeout", "00:00:30");
        Assert.NotEmpty((await host.Client.GetTokenAsync(cancellationToken: Ct)).Value);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_request_other_callers_wait_for()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var host = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(cognito));
        var gate = cognito.Faults.HoldTokenRequests();
        using var impatient = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var first = host.Client.GetTokenAsync(cancellationToken: impatient.Token);
        var second = host.Client.GetTokenAsync(cancellationToken: Ct);
        await gate.WaitUntilHeldAsync(1, Ct);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        gate.Release();
        var token = await second.WaitAsync(TokenClientTestData.Patience, Ct);

        Assert.NotEmpty(token.Value);
        Assert.Equal(1, cognito.Requests.Token);
    }

    [Fact]
    public async Task Invalid_client_is_not_retried_and_the_message_names_the_settings_not_the_secret()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = TokenClientTestHost.DefaultSettings(cognito);
        settings["Cognito:ClientSecret"] = TokenClientTestData.WrongSecret;
        await using var host = TokenClientTestHost.Create(settings);

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Equal(1, cognito.Requests.Token);
        Assert.Equal("invalid_client", failure.Error);
        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.StartsWith("Cognito rejected the client credentials (invalid_client): check Cognito:ClientId and Cognito:ClientSecret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenClientTestData.WrongSecret, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scope_the_client_may_not_ask_for_is_explained_and_not_retried()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var host = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(cognito));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync([LocalCognitoDevelopmentPool.OtherApiAdminScope], Ct));

        Assert.Equal(1, cognito.Requests.Token);
        Assert.Equal("invalid_scope", failure.Error);
        Assert.Contains("Cognito:Scopes", failure.Message, StringComparison.Ordinal);
        Assert.Contains(LocalCognitoDevelopmentPool.OtherApiAdminScope, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_secret_is_used_by_the_next_token_request_without_a_restart()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = TokenClientTestHost.DefaultSettings(cognito);
        settings["Cognito:ClientSecret"] = TokenClientTestData.WrongSecret;
        await using var host = TokenClientTestHost.Create(settings);
        var client = host.Client;
        await Assert.ThrowsAsync<CognitoTokenException>(() => client.GetTokenAsync(cancellationToken: Ct));

        host.ChangeSetting("Cognito:ClientSecret", LocalCognitoDevelopmentPool.M2MClientSecret);
        var token = await client.GetTokenAsync(cancellationToken: Ct);

        Assert.NotEmpty(token.Value);
        Assert.Equal(2, cognito.Requests.Token);
    }

    [Fact]
    public async Task Client_secret_post_sends_the_credentials_in_the_form()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = TokenClientTestHost.DefaultSettings(cognito);
        settings["Cognito:ClientAuthentication"] = nameof(CognitoClientAuthentication.ClientSecretPost);
        await using var host = TokenClientTestHost.Create(settings);

        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.NotEmpty(token.Value);
    }
}
