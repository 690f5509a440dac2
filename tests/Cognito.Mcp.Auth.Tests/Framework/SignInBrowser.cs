using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>
/// What a person's browser does in the bridge's sign-in, over real HTTP: follows redirects itself (so each hop can be
/// asserted), keeps cookies, reads the consent and login forms and submits them. Plus the client-side helpers a test
/// needs: registration and PKCE.
/// </summary>
internal sealed partial class SignInBrowser : IDisposable
{
    private readonly BridgeTestHost host;
    private readonly HttpClient _http;

    public SignInBrowser(BridgeTestHost host)
    {
        this.host = host;
        var handler = (TestCognito.BackchannelHandler() as SocketsHttpHandler) ?? new SocketsHttpHandler();
        handler.AllowAutoRedirect = false;
        handler.UseCookies = true;
        handler.CookieContainer = Cookies;
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http => _http;

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (verifier, WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public async Task<string> RegisterAsync(params string[] redirectUris)
    {
        using var response = await _http.PostAsJsonAsync(host.Issuer + "/oauth/register", new { redirect_uris = redirectUris, client_name = "Test client" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        return document.RootElement.GetProperty("client_id").GetString()!;
    }

    public string AuthorizeUrl(string clientId, string redirectUri, string challenge, string state = "state-1", string? scope = "my-api/read", string method = "S256", string? resource = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
            ["scope"] = scope,
            ["resource"] = resource ?? host.Resource,
        };
        return QueryHelpers.AddQueryString(host.Issuer + "/oauth/authorize", query.Where(p => p.Value is not null).ToDictionary());
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url, Cancellation);

    /// <summary>
    /// From an authorize URL to the redirect back to the client: consent (allowed) when shown, Cognito's login as the
    /// demo user when asked. Returns the final Location (the client's redirect URI with code, state and iss).
    /// </summary>
    public async Task<Uri> SignInAsync(string authorizeUrl, string decision = "allow")
    {
        var response = await GetAsync(authorizeUrl);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            response = await SubmitConsentAsync(await response.Content.ReadAsStringAsync(Cancellation), decision);
        }

        for (var hops = 0; hops < 10; hops++)
        {
            Assert.True(
                response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.OK,
                $"Unexpected {(int)response.StatusCode} from {response.RequestMessage!.RequestUri}; the server logged:\n{ServerLog()}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                response = await SubmitLoginAsync(response);
                continue;
            }

            var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            if (!location.AbsoluteUri.StartsWith(host.Issuer, StringComparison.Ordinal) && !location.AbsoluteUri.StartsWith(host.Cognito.DomainBaseAddress, StringComparison.Ordinal)
                && !location.AbsoluteUri.StartsWith(host.Cognito.BaseAddress, StringComparison.Ordinal))
            {
                return location; // back at the client
            }

            response = await GetAsync(location.AbsoluteUri);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public async Task<HttpResponseMessage> SubmitConsentAsync(string consentPage, string decision = "allow", bool withAntiforgery = true)
    {
        var fields = HiddenFields(consentPage);
        if (!withAntiforgery)
        {
            fields.Remove(fields.Keys.Single(k => k.StartsWith("__RequestVerificationToken", StringComparison.Ordinal)));
        }

        fields["decision"] = decision;
        return await _http.PostAsync(host.Issuer + "/oauth/consent", new FormUrlEncodedContent(fields), Cancellation);
    }

    private async Task<HttpResponseMessage> SubmitLoginAsync(HttpResponseMessage loginPage)
    {
        var html = await loginPage.Content.ReadAsStringAsync(Cancellation);
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        var fields = HiddenFields(html);
        fields["username"] = LocalCognitoDevelopmentPool.DemoUsername;
        fields["password"] = LocalCognitoDevelopmentPool.DemoPassword;
        return await _http.PostAsync(new Uri(loginPage.RequestMessage!.RequestUri!, action), new FormUrlEncodedContent(fields), Cancellation);
    }

    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    public async Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form) =>
        await _http.PostAsync(host.Issuer + "/oauth/token", new FormUrlEncodedContent(form), Cancellation);

    public void Dispose() => _http.Dispose();

    /// <summary>The server's log (messages and exceptions), to explain a failed step.</summary>
    public string ServerLog() => string.Join('\n', host.Server.Logs.GetSnapshot()
        .Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Information)
        .Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception?.GetType().Name} {r.Exception?.Message}"));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
