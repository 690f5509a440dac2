using System.Net;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.WebLogin;

/// <summary>Who may open WebLogin's pages, over plain HTTP (no browser): its own LocalCognito and WebLogin process.</summary>
public sealed class WebLoginAccessTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_request_for_the_M2M_demo_is_sent_to_sign_in_and_no_token_is_requested()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: Cancellation);
        var pool = cognito.DevelopmentPool!;
        await using var app = await SampleHost.StartAsync("WebLogin", new Dictionary<string, string?>
        {
            ["Cognito__Authority"] = pool.Issuer,
            ["Cognito__Domain"] = pool.DomainUrl!.ToString(),
            ["M2M__Domain"] = pool.DomainUrl!.ToString(),
        });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        using var response = await http.GetAsync($"{app.BaseAddress}/m2m-demo", Cancellation);

        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith($"{pool.DomainUrl}/oauth2/authorize?", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", body, StringComparison.Ordinal); // No token, decoded or not.
        Assert.Equal(0, cognito.Requests.Token); // The M2M client secret was never used.
    }
}
