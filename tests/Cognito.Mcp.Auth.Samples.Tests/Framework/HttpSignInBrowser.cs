using System.Net;
using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// What a person's browser does in the authorization bridge's sign-in, over real HTTP: keeps cookies, follows each
/// redirect itself, allows the consent page and signs in at LocalCognito's login page as the demo user, until the
/// browser is sent to the client's redirect URI. No JavaScript is involved on either page, so nothing is lost.
/// </summary>
internal sealed partial class HttpSignInBrowser : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Gets how many consent pages this browser was shown.</summary>
    public int ConsentPagesShown { get; private set; }

    /// <summary>Gets the last consent page's HTML.</summary>
    public string? ConsentPage { get; private set; }

    /// <summary>
    /// Walks from <paramref name="authorizeUrl"/> to the redirect to <paramref name="clientRedirectUri"/> and returns
    /// that redirect's full URL (code, state, iss), without requesting it: nothing listens there.
    /// </summary>
    public async Task<Uri> SignInAsync(string authorizeUrl, string clientRedirectUri, CancellationToken cancellationToken)
    {
        var trail = new List<string>();
        var next = await _http.GetAsync(authorizeUrl, cancellationToken);
        for (var hops = 0; hops < 12; hops++)
        {
            using (var response = next)
            {
                var requestUri = response.RequestMessage!.RequestUri!;
                trail.Add($"{(int)response.StatusCode} {response.RequestMessage.Method} {requestUri.GetLeftPart(UriPartial.Path)}");
                if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther)
                {
                    var location = new Uri(requestUri, response.Headers.Location!);
                    if (location.AbsoluteUri.StartsWith(clientRedirectUri, StringComparison.Ordinal))
                    {
                        return location;
                    }

                    next = await _http.GetAsync(location, cancellationToken);
                    continue;
                }

                var html = await response.Content.ReadAsStringAsync(cancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{string.Join('\n', trail)}\n{html}");
                var fields = HiddenFields(html);
                if (html.Contains("name=\"decision\"", StringComparison.Ordinal))
                {
                    ConsentPagesShown++;
                    ConsentPage = html;
                    fields["decision"] = "allow";
                }
                else
                {
                    Assert.Contains("name=\"password\"", html, StringComparison.Ordinal);
                    fields["username"] = LocalCognitoDevelopmentPool.DemoUsername;
                    fields["password"] = LocalCognitoDevelopmentPool.DemoPassword;
                }

                var action = new Uri(requestUri, WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value));
                next = await _http.PostAsync(action, new FormUrlEncodedContent(fields), cancellationToken);
            }
        }

        throw new InvalidOperationException("Too many hops:\n" + string.Join('\n', trail));
    }

    public void Dispose() => _http.Dispose();

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
