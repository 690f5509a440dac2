using System.Net;
using System.Text.Json;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using Snapshooter.Xunit3;

namespace Cognito.Mcp.Auth.Tests.Bridge;

/// <summary>The authorization bridge end to end: real HTTP to the bridge and to LocalCognito's managed login.</summary>
public sealed class BridgeFlowTests
{
    private const string Redirect = "http://127.0.0.1:33418/";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Csharp_sdk_client_registers_signs_in_and_calls_a_tool()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var redirectUri = new Uri($"http://127.0.0.1:{BridgeTestHost.FreePort()}/callback");
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = host.Server.McpEndpoint,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = redirectUri,
                DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "C# SDK test client" },
                AuthorizationCallbackHandler = async (context, cancellationToken) =>
                {
                    var back = await browser.SignInAsync(context.AuthorizationUri.AbsoluteUri);
                    Assert.Equal(redirectUri.GetLeftPart(UriPartial.Path), back.GetLeftPart(UriPartial.Path));
                    var query = QueryHelpers.ParseQuery(back.Query);
                    return new AuthorizationResult { Code = query["code"], State = query["state"], Iss = query["iss"] };
                },
            },
        });

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Cancellation);
        var tools = await client.ListToolsAsync(cancellationToken: Cancellation);
        Assert.Contains(tools, t => t.Name == "whoami");
        var result = await client.CallToolAsync("whoami", cancellationToken: Cancellation);
        var text = Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains(BridgeTestHost.BridgeClientId, text, StringComparison.Ordinal);
        Assert.StartsWith(Testing.LocalCognitoDevelopmentPool.DemoUsername + "|", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_names_the_bridge_with_s256_registration_and_metadata_documents()
    {
        await using var host = await BridgeTestHost.StartAsync();
        var metadata = await host.Server.Http.GetStringAsync("/.well-known/oauth-authorization-server", Cancellation);
        Snapshot.Match(metadata.Replace(host.Issuer, "{issuer}", StringComparison.Ordinal));

        using var resource = JsonDocument.Parse(await host.Server.Http.GetStringAsync("/.well-known/oauth-protected-resource/mcp", Cancellation));
        var servers = resource.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal([host.Issuer, host.Pool.Issuer], servers);
    }

    [Fact]
    public async Task A_code_is_spent_by_a_wrong_verifier_and_never_redeemed_after()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (verifier, code) = await SignInAsync(browser, clientId);

        var (wrongVerifier, _) = SignInBrowser.NewPkce();
        await AssertTokenErrorAsync(browser, CodeGrant(clientId, code, wrongVerifier), "invalid_grant", "code_verifier");
        await AssertTokenErrorAsync(browser, CodeGrant(clientId, code, verifier), "invalid_grant", "unknown, used or expired");
    }

    [Fact]
    public async Task A_replayed_code_revokes_the_refresh_token_it_produced()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (verifier, code) = await SignInAsync(browser, clientId);
        var tokens = await RedeemAsync(browser, CodeGrant(clientId, code, verifier));
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal("my-api/read", tokens.GetProperty("scope").GetString());

        await AssertTokenErrorAsync(browser, CodeGrant(clientId, code, verifier), "invalid_grant", "unknown, used or expired");
        await AssertTokenErrorAsync(browser, RefreshGrant(clientId, tokens.GetProperty("refresh_token").GetString()!), "invalid_grant", "unknown, used, revoked");
    }

    [Fact]
    public async Task Refresh_rotates_the_token_and_a_reused_one_revokes_the_family()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (verifier, code) = await SignInAsync(browser, clientId);
        var first = (await RedeemAsync(browser, CodeGrant(clientId, code, verifier))).GetProperty("refresh_token").GetString()!;

        var refreshed = await RedeemAsync(browser, RefreshGrant(clientId, first));
        var second = refreshed.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(first, second);
        using (var call = await host.Server.Http.SendAsync(McpTestServer.McpPost(refreshed.GetProperty("access_token").GetString()), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        await AssertTokenErrorAsync(browser, RefreshGrant(clientId, first), "invalid_grant", "unknown, used, revoked");
        await AssertTokenErrorAsync(browser, RefreshGrant(clientId, second), "invalid_grant", "unknown, used, revoked");
    }

    [Fact]
    public async Task A_refresh_token_is_useless_to_another_client()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var other = await browser.RegisterAsync("http://127.0.0.1:40000/cb");
        var (verifier, code) = await SignInAsync(browser, clientId);
        var refresh = (await RedeemAsync(browser, CodeGrant(clientId, code, verifier))).GetProperty("refresh_token").GetString()!;

        await AssertTokenErrorAsync(browser, RefreshGrant(other, refresh), "invalid_grant", "another client");
        await RedeemAsync(browser, RefreshGrant(clientId, refresh)); // still the owner's
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_gets_an_error_page_never_a_redirect()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (_, challenge) = SignInBrowser.NewPkce();
        foreach (var redirect in new[] { "https://evil.example/cb", "http://127.0.0.1:33418/other", "http://localhost:33418/" })
        {
            using var response = await browser.GetAsync(browser.AuthorizeUrl(clientId, redirect, challenge));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("not one registered", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }

        using var unknown = await browser.GetAsync(browser.AuthorizeUrl("mcp-unknown", Redirect, challenge));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Null(unknown.Headers.Location);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    public async Task Pkce_other_than_s256_is_refused(string method)
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (verifier, challenge) = SignInBrowser.NewPkce();
        var url = browser.AuthorizeUrl(clientId, Redirect, method == "plain" ? verifier : challenge, method: method);

        var page = await ErrorPageAsync(browser, url);

        Assert.Contains("(invalid_request): PKCE is required with code_challenge_method=S256", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_shown_to_the_user_until_they_allowed_the_client_then_sent_to_it()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (_, challenge) = SignInBrowser.NewPkce();
        var noState = browser.AuthorizeUrl(clientId, Redirect, challenge).Replace("state=state-1&", "", StringComparison.Ordinal);

        // Anyone can register a redirect URI: before the user allowed the client, no error goes there (no open redirect).
        Assert.Contains("(invalid_request): state is required.", await ErrorPageAsync(browser, noState), StringComparison.Ordinal);

        await SignInAsync(browser, clientId);
        var query = await RedirectQueryAsync(browser, noState);
        Assert.Equal("invalid_request", query["error"]);
        Assert.False(query.ContainsKey("state"));
        Assert.Equal(host.Issuer, query["iss"]);

        var otherResource = await RedirectQueryAsync(browser, browser.AuthorizeUrl(clientId, Redirect, challenge, resource: "https://other.example/mcp"));
        Assert.Equal("invalid_target", otherResource["error"]);
        Assert.Equal("state-1", otherResource["state"]);

        var foreignScope = await RedirectQueryAsync(browser, browser.AuthorizeUrl(clientId, Redirect, challenge, scope: "other-api/admin"));
        Assert.Equal("invalid_scope", foreignScope["error"]);
    }

    [Fact]
    public async Task A_consent_cookie_copied_into_another_browser_does_not_skip_consent()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var attacker = host.NewBrowser();
        using var victim = host.NewBrowser();
        var clientId = await attacker.RegisterAsync(Redirect);
        await SignInAsync(attacker, clientId);
        var consentCookie = attacker.Cookies.GetAllCookies().Single(c => c.Name == "cognito-mcp-consent");
        victim.Cookies.Add(new System.Net.Cookie(consentCookie.Name, consentCookie.Value, consentCookie.Path, consentCookie.Domain));

        var (_, challenge) = SignInBrowser.NewPkce();
        using var response = await victim.GetAsync(victim.AuthorizeUrl(clientId, Redirect, challenge));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the consent page, not a redirect to Cognito
        Assert.Contains("name=\"decision\" value=\"allow\"", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consent_covers_the_scopes_the_user_saw_and_more_scopes_ask_again()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        await SignInAsync(browser, clientId); // my-api/read
        var (_, challenge) = SignInBrowser.NewPkce();

        using var same = await browser.GetAsync(browser.AuthorizeUrl(clientId, Redirect, challenge));
        Assert.Equal(HttpStatusCode.Found, same.StatusCode);

        using var more = await browser.GetAsync(browser.AuthorizeUrl(clientId, Redirect, challenge, scope: "my-api/read my-api/write"));
        Assert.Equal(HttpStatusCode.OK, more.StatusCode);
        Assert.Contains("<code>my-api/write</code>", await more.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_requests_beyond_the_rate_limit_are_refused_before_anything_is_stored()
    {
        await using var host = await BridgeTestHost.StartAsync(options => options.AuthorizationsPerMinute = 2);
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (_, challenge) = SignInBrowser.NewPkce();
        var url = browser.AuthorizeUrl(clientId, Redirect, challenge);

        (await browser.GetAsync(url)).Dispose();
        (await browser.GetAsync(url)).Dispose();
        using var third = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("60", third.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Malformed_forms_get_answers_never_a_500()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var manyFields = string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=x"));
        var longKey = new string('k', 3000) + "=v";
        foreach (var (path, body, type) in new[]
        {
            ("/oauth/token", manyFields, "application/x-www-form-urlencoded"),
            ("/oauth/token", longKey, "application/x-www-form-urlencoded"),
            ("/oauth/revoke", manyFields, "application/x-www-form-urlencoded"),
            ("/oauth/consent", manyFields, "application/x-www-form-urlencoded"),
            ("/oauth/consent", "--b\r\nContent-Disposition: form-data; name=\"txn\"\r\n\r\nx\r\n--b--\r\n", "multipart/form-data; boundary=b"),
            ("/oauth/token", "grant_type=authorization_code&grant_type=refresh_token&client_id=x", "application/x-www-form-urlencoded"),
        })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
            using var response = await browser.Http.PostAsync(host.Issuer + path, content, Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} with {body[..Math.Min(40, body.Length)]}: {(int)response.StatusCode}");
        }

        // A chunked body (no Content-Length) is refused before it is read.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, host.Issuer + "/oauth/consent") { Content = new ChunkedFormContent("txn=x&decision=allow") };
        using var chunkedResponse = await browser.Http.SendAsync(chunked, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, chunkedResponse.StatusCode);
    }

    [Fact]
    public async Task Consent_without_the_antiforgery_token_is_refused()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (_, challenge) = SignInBrowser.NewPkce();
        using var page = await browser.GetAsync(browser.AuthorizeUrl(clientId, Redirect, challenge));
        var html = await page.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var forged = await browser.SubmitConsentAsync(html, withAntiforgery: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
    }

    [Fact]
    public async Task A_sign_in_started_in_another_browser_is_not_completed()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var attacker = host.NewBrowser();
        using var victim = host.NewBrowser();
        var clientId = await attacker.RegisterAsync(Redirect);
        var (_, challenge) = SignInBrowser.NewPkce();

        // The attacker consents to their own client and sends the victim the resulting Cognito link.
        using var page = await attacker.GetAsync(attacker.AuthorizeUrl(clientId, Redirect, challenge));
        using var consented = await attacker.SubmitConsentAsync(await page.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.SeeOther, consented.StatusCode);
        var cognitoLink = consented.Headers.Location!.AbsoluteUri;

        var response = await victim.GetAsync(cognitoLink);
        for (var hops = 0; hops < 5 && response.StatusCode != HttpStatusCode.BadRequest; hops++)
        {
            response = response.StatusCode == HttpStatusCode.OK
                ? await victim.Http.PostAsync(new Uri(response.RequestMessage!.RequestUri!, System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(await response.Content.ReadAsStringAsync(Cancellation), "action=\"([^\"]+)\"").Groups[1].Value)), new FormUrlEncodedContent(new Dictionary<string, string>(SignInBrowser.HiddenFields(await response.Content.ReadAsStringAsync(Cancellation))) { ["username"] = Testing.LocalCognitoDevelopmentPool.DemoUsername, ["password"] = Testing.LocalCognitoDevelopmentPool.DemoPassword }), Cancellation)
                : await victim.GetAsync(new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!).AbsoluteUri);
            Assert.False(response.Headers.Location?.AbsoluteUri.StartsWith(Redirect, StringComparison.Ordinal) == true, "the victim's code went to the attacker's client");
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not started in this browser", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_whose_state_names_no_pending_sign_in_is_refused_and_a_completed_one_cannot_be_replayed()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();

        using var unknown = await browser.GetAsync($"{host.Issuer}/oauth/callback?code=abc&state={new string('A', 43)}");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Null(unknown.Headers.Location);
        Assert.Contains("expired or was already completed", await unknown.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        // The same callback URL twice: the second finds nothing (the pending sign-in is spent).
        var clientId = await browser.RegisterAsync(Redirect);
        var (_, challenge) = SignInBrowser.NewPkce();
        Uri? callback = null;
        using (var page = await browser.GetAsync(browser.AuthorizeUrl(clientId, Redirect, challenge)))
        using (var consented = await browser.SubmitConsentAsync(await page.Content.ReadAsStringAsync(Cancellation)))
        {
            var response = await browser.GetAsync(consented.Headers.Location!.AbsoluteUri);
            while (callback is null)
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var html = await response.Content.ReadAsStringAsync(Cancellation);
                    var fields = SignInBrowser.HiddenFields(html);
                    fields["username"] = Testing.LocalCognitoDevelopmentPool.DemoUsername;
                    fields["password"] = Testing.LocalCognitoDevelopmentPool.DemoPassword;
                    var action = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<form[^>]*action=\"([^\"]+)\"").Groups[1].Value);
                    response = await browser.Http.PostAsync(new Uri(response.RequestMessage!.RequestUri!, action), new FormUrlEncodedContent(fields), Cancellation);
                    continue;
                }

                var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
                if (location.AbsolutePath == "/oauth/callback")
                {
                    callback = location;
                    break;
                }

                response = await browser.GetAsync(location.AbsoluteUri);
            }
        }

        using var first = await browser.GetAsync(callback.AbsoluteUri);
        Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        using var again = await browser.GetAsync(callback.AbsoluteUri);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Null(again.Headers.Location);
    }

    [Fact]
    public async Task Consent_is_remembered_for_the_client_and_asked_again_for_another()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var other = await browser.RegisterAsync(Redirect);
        await SignInAsync(browser, clientId);

        var (_, challenge) = SignInBrowser.NewPkce();
        using var again = await browser.GetAsync(browser.AuthorizeUrl(clientId, "http://127.0.0.1:33418/", challenge));
        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
        Assert.StartsWith(host.Pool.AuthorizeEndpoint.AbsoluteUri, again.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);

        using var otherClient = await browser.GetAsync(browser.AuthorizeUrl(other, Redirect, challenge));
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        Assert.Contains("Allow", await otherClient.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loopback_redirect_may_come_back_on_any_port_as_desktop_clients_need()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (verifier, challenge) = SignInBrowser.NewPkce();
        const string OtherPort = "http://127.0.0.1:51234/";
        var back = await browser.SignInAsync(browser.AuthorizeUrl(clientId, OtherPort, challenge));
        Assert.StartsWith(OtherPort, back.AbsoluteUri, StringComparison.Ordinal);
        var code = QueryHelpers.ParseQuery(back.Query)["code"].ToString();

        // The token request must name the same redirect URI, port included.
        await AssertTokenErrorAsync(browser, CodeGrant(clientId, code, verifier), "invalid_grant", "redirect_uri");
    }

    [Fact]
    public async Task Denied_consent_returns_access_denied_to_the_client()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var clientId = await browser.RegisterAsync(Redirect);
        var (_, challenge) = SignInBrowser.NewPkce();
        var back = await browser.SignInAsync(browser.AuthorizeUrl(clientId, Redirect, challenge), decision: "deny");
        var query = QueryHelpers.ParseQuery(back.Query);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("state-1", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Registration_refuses_an_oversized_body_and_secrets_at_the_token_endpoint()
    {
        await using var host = await BridgeTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var big = "{\"redirect_uris\":[\"" + Redirect + "\"],\"client_name\":\"" + new string('a', 20_000) + "\"}";
        using var oversized = await browser.Http.PostAsync(host.Issuer + "/oauth/register", new StringContent(big, System.Text.Encoding.UTF8, "application/json"), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Contains("invalid_client_metadata", await oversized.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        var clientId = await browser.RegisterAsync(Redirect);
        await AssertTokenErrorAsync(browser, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = clientId, ["client_secret"] = "guess" }, "invalid_client", "public");
    }

    private static async Task<(string Verifier, string Code)> SignInAsync(SignInBrowser browser, string clientId)
    {
        var (verifier, challenge) = SignInBrowser.NewPkce();
        var back = await browser.SignInAsync(browser.AuthorizeUrl(clientId, Redirect, challenge));
        var query = QueryHelpers.ParseQuery(back.Query);
        Assert.Equal("state-1", query["state"]);
        return (verifier, query["code"]!);
    }

    private static Dictionary<string, string> CodeGrant(string clientId, string code, string verifier) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = Redirect,
        ["code_verifier"] = verifier,
        ["client_id"] = clientId,
    };

    private static Dictionary<string, string> RefreshGrant(string clientId, string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = clientId,
    };

    private static async Task<JsonElement> RedeemAsync(SignInBrowser browser, Dictionary<string, string> form)
    {
        using var response = await browser.TokenAsync(form);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task AssertTokenErrorAsync(SignInBrowser browser, Dictionary<string, string> form, string error, string descriptionPart)
    {
        using var response = await browser.TokenAsync(form);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, body);
        using var document = JsonDocument.Parse(body);
        Assert.Equal(error, document.RootElement.GetProperty("error").GetString());
        Assert.Contains(descriptionPart, document.RootElement.GetProperty("error_description").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> ErrorPageAsync(SignInBrowser browser, string url)
    {
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation));
    }

    /// <summary>A form body sent chunked: no Content-Length.</summary>
    private sealed class ChunkedFormContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedFormContent(string text)
        {
            _bytes = System.Text.Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static async Task<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> RedirectQueryAsync(SignInBrowser browser, string url)
    {
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith(Redirect, response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(response.Headers.Location.Query);
    }
}
