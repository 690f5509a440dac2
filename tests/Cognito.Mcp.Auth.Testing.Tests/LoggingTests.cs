using Cognito.Mcp.Auth.Testing.Tests.Framework;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_never_contain_secrets_passwords_codes_or_tokens()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(new LocalCognitoOptions { LoggerFactory = loggerFactory }, TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, pool.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = TestCognito.Basic(LocalCognitoDevelopmentPool.M2MClientId, LocalCognitoDevelopmentPool.M2MClientSecret);
        var token = (string)(await (await http.SendAsync(request, TestContext.Current.CancellationToken)).JsonAsync())["access_token"]!;
        var wrong = new HttpRequestMessage(HttpMethod.Post, pool.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = LocalCognitoDevelopmentPool.WebClientId, ["client_secret"] = "guessed-secret-123" }),
        };
        await http.SendAsync(wrong, TestContext.Current.CancellationToken);
        using var browser = new Browser();
        await browser.SignInAsync(Browser.AuthorizeUrl(pool, pool.FindClient(LocalCognitoDevelopmentPool.WebClientId)!, new Dictionary<string, string?>()), LocalCognitoDevelopmentPool.DemoUsername, LocalCognitoDevelopmentPool.DemoPassword);

        var logs = string.Join('\n', collector.GetSnapshot().Select(r => r.Message + " " + r.Exception));

        Assert.Contains("Issued tokens", logs, StringComparison.Ordinal);
        Assert.Contains("invalid_client", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalCognitoDevelopmentPool.M2MClientSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("guessed-secret-123", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalCognitoDevelopmentPool.DemoPassword, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", logs, StringComparison.Ordinal);
    }
}
