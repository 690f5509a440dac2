using System.Net;
using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;

namespace Cognito.Mcp.Auth.Tests.Client;

public sealed class TokenClientSecrecyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Secrets_and_tokens_never_appear_in_trace_logs_exception_messages_or_ToString()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = TokenClientTestHost.DefaultSettings(cognito);
        settings["Cognito:ClientSecret"] = TokenClientTestData.WrongSecret;
        await using var host = TokenClientTestHost.Create(settings);
        var client = host.Client;

        var refused = await Assert.ThrowsAsync<CognitoTokenException>(() => client.GetTokenAsync(cancellationToken: Ct));
        host.ChangeSetting("Cognito:ClientSecret", LocalCognitoDevelopmentPool.M2MClientSecret);
        cognito.Faults.FailNextTokenRequests(1, HttpStatusCode.ServiceUnavailable);
        var token = await client.GetTokenAsync(cancellationToken: Ct);
        var cached = await client.GetTokenAsync(cancellationToken: Ct);
        var renewed = await client.RenewTokenAsync(rejectedToken: token, cancellationToken: Ct);

        var secrets = new[] { TokenClientTestData.WrongSecret, LocalCognitoDevelopmentPool.M2MClientSecret, token.Value, renewed.Value };
        var texts = host.AllLogText()
            .Append(refused.ToString())
            .Append(token.ToString())
            .Append(cached.ToString())
            .Append(renewed.ToString())
            .ToList();
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 4103);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 4105);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }
}
