using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Tests.Framework;

/// <summary>A minimal browser: keeps cookies, follows nothing by itself, fills in the managed-login form.</summary>
internal sealed partial class Browser : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="trusted">The certificate of an https LocalCognito, trusted exactly; <see langword="null"/> for http.</param>
    public Browser(X509Certificate2? trusted = null)
    {
        Cookies = new CookieContainer();
        var handler = trusted is null ? new SocketsHttpHandler() : LocalCognitoCertificates.CreateHandler(trusted);
        handler.AllowAutoRedirect = false;
        handler.CookieContainer = Cookies;
        _http = new HttpClient(handler);
    }

    public CookieContainer Cookies { get; }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizeUrl(LocalUserPool pool, LocalAppClient client, IDictionary<string, string?> extra)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = client.ClientId,
            ["redirect_uri"] = client.CallbackUrls[0],
            ["state"] = "st-123",
        };
        foreach (var (key, value) in extra)
        {
            query[key] = value;
        }

        return QueryHelpers.AddQueryString(pool.AuthorizeEndpoint.ToString(), query.Where(q => q.Value is not null));
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostFormAsync(string url, IDictionary<string, string> form) =>
        _http.PostAsync(url, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);

    /// <summary>GET authorize → login page → post the credentials; returns the final response (a redirect on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string authorizeUrl, string username, string password)
    {
        var authorize = await GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        var loginUrl = authorize.Headers.Location!.ToString();
        var page = await (await GetAsync(loginUrl)).BodyAsync();
        return await SubmitLoginAsync(page, loginUrl, username, password);
    }

    public Task<HttpResponseMessage> SubmitLoginAsync(string page, string loginUrl, string username, string password)
    {
        var action = WebUtility.HtmlDecode(ActionPattern().Match(page).Groups[1].Value);
        var csrf = CsrfPattern().Match(page).Groups[1].Value;
        var target = new Uri(new Uri(loginUrl), action).ToString();
        return PostFormAsync(target, new Dictionary<string, string> { ["_csrf"] = csrf, ["username"] = username, ["password"] = password });
    }

    public static IDictionary<string, string> Parameters(Uri location, bool fragment = false) =>
        QueryHelpers.ParseQuery(fragment ? location.Fragment.TrimStart('#') : location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]*)\"")]
    private static partial Regex CsrfPattern();
}
