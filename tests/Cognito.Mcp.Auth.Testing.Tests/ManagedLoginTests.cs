using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class ManagedLoginTests
{
    [Fact]
    public async Task Authorize_without_session_redirects_to_the_login_page_with_a_csrf_protected_form()
    {
        await using var t = await TestCognito.StartAsync();
        using var browser = new Browser();

        var authorize = await browser.GetAsync(Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>()));
        var login = await browser.GetAsync(authorize.Headers.Location!.ToString());
        var page = await login.BodyAsync();

        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        Assert.StartsWith($"{t.Pool.DomainUrl}/login?", authorize.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("name=\"_csrf\"", page, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", page, StringComparison.Ordinal);
        Assert.Contains("XSRF-TOKEN", login.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Equal(1, t.Cognito.Requests.Authorize);
        Assert.Equal(1, t.Cognito.Requests.Login);
    }

    [Fact]
    public async Task Login_page_forbids_scripts_and_framing_but_not_where_the_redirects_after_sign_in_lead()
    {
        await using var t = await TestCognito.StartAsync();
        using var browser = new Browser();

        var authorize = await browser.GetAsync(Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>()));
        var login = await browser.GetAsync(authorize.Headers.Location!.ToString());

        // No form-action: Chromium checks it against every redirect after the post, and an authorization bridge's
        // callback redirects on to its own client (BridgeBrowserTests in the samples tests walk that chain).
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'", login.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Wrong_password_shows_the_login_page_again_with_an_encoded_error()
    {
        await using var t = await TestCognito.StartAsync();
        using var browser = new Browser();

        var response = await browser.SignInAsync(Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>()), "<b>alice", "wrong");
        var page = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Incorrect username or password.", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;alice", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>alice", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_post_without_the_csrf_cookie_is_refused()
    {
        await using var t = await TestCognito.StartAsync();
        using var browser = new Browser();
        var loginUrl = (await browser.GetAsync(Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>()))).Headers.Location!.ToString();

        var response = await t.Http.PostAsync(
            loginUrl,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = "forged", ["username"] = TestData.Username, ["password"] = TestData.Password }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Second_authorize_after_login_skips_the_form_and_logout_clears_the_session()
    {
        await using var t = await TestCognito.StartAsync();
        using var browser = new Browser();
        var url = Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>());
        await browser.SignInAsync(url, TestData.Username, TestData.Password);

        var again = await browser.GetAsync(url);
        var logout = await browser.GetAsync($"{t.Pool.LogoutEndpoint}?client_id={t.Web.ClientId}&logout_uri={Uri.EscapeDataString(TestData.SignOut)}");
        var afterLogout = await browser.GetAsync(url);

        Assert.StartsWith(TestData.Callback + "?code=", again.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        Assert.Equal(TestData.SignOut, logout.Headers.Location!.ToString());
        Assert.StartsWith($"{t.Pool.DomainUrl}/login?", afterLogout.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_with_redirect_uri_ends_the_session_and_sends_the_user_to_sign_in_again()
    {
        await using var t = await TestCognito.StartAsync();
        using var browser = new Browser();
        var authorize = Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>());
        await browser.SignInAsync(authorize, TestData.Username, TestData.Password);
        var query = $"client_id={t.Web.ClientId}&redirect_uri={Uri.EscapeDataString(TestData.Callback)}&response_type=code&scope=openid&state=again";

        var logout = await browser.GetAsync($"{t.Pool.LogoutEndpoint}?{query}");
        var loginUrl = logout.Headers.Location!.ToString();
        var afterLogout = await browser.GetAsync(authorize);
        var signedIn = await browser.SubmitLoginAsync(await (await browser.GetAsync(loginUrl)).BodyAsync(), loginUrl, TestData.Username, TestData.Password);

        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        Assert.Equal($"{t.Pool.DomainUrl}/login?{query}", loginUrl);
        Assert.StartsWith($"{t.Pool.DomainUrl}/login?", afterLogout.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(TestData.Callback + "?code=", signedIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("again", Browser.Parameters(signedIn.Headers.Location!)["state"]);
    }

    [Theory]
    [InlineData("redirect_uri=https%3A%2F%2Fevil.example%2Fcb&response_type=code")]
    [InlineData("redirect_uri=")]
    public async Task Logout_with_an_unregistered_redirect_uri_shows_an_error_page_and_keeps_the_session(string parameters)
    {
        await using var t = await TestCognito.StartAsync();
        using var browser = new Browser();
        var authorize = Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>());
        await browser.SignInAsync(authorize, TestData.Username, TestData.Password);

        var logout = await browser.GetAsync($"{t.Pool.LogoutEndpoint}?client_id={t.Web.ClientId}&{parameters}");
        var again = await browser.GetAsync(authorize);

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Null(logout.Headers.Location);
        Assert.StartsWith(TestData.Callback + "?code=", again.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_to_an_unregistered_url_shows_an_error_page_and_does_not_redirect()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.Http.GetAsync($"{t.Pool.LogoutEndpoint}?client_id={t.Web.ClientId}&logout_uri={Uri.EscapeDataString("https://evil.example/")}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(1, t.Cognito.Requests.Logout);
    }

    [Theory]
    [InlineData("unregistered-redirect")]
    [InlineData("unknown-client")]
    public async Task Authorize_with_an_untrusted_redirect_shows_an_error_page(string variant)
    {
        await using var t = await TestCognito.StartAsync();
        var url = variant == "unknown-client"
            ? $"{t.Pool.AuthorizeEndpoint}?response_type=code&client_id=nobody&redirect_uri={Uri.EscapeDataString(TestData.Callback)}"
            : Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?> { ["redirect_uri"] = "https://evil.example/cb" });

        var response = await t.Http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Theory]
    [InlineData("scope", "orders-api/delete", "invalid_scope")]
    [InlineData("scope", "openid nobody-api/read", "invalid_scope")]
    [InlineData("response_type", null, "invalid_request")]
    [InlineData("response_type", "id_token", "unsupported_response_type")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("resource", "not a uri", "invalid_request")]
    public async Task Authorize_errors_go_back_to_a_registered_redirect_uri_with_state(string parameter, string? value, string error)
    {
        await using var t = await TestCognito.StartAsync();
        var extra = new Dictionary<string, string?> { [parameter] = value };
        if (parameter == "code_challenge_method")
        {
            extra["code_challenge"] = new string('a', 43);
        }

        var response = await t.Http.GetAsync(Browser.AuthorizeUrl(t.Pool, t.Web, extra), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"{TestData.Callback}?error={error}&state=st-123", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Client_without_the_flow_gets_unauthorized_client_redirect()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.Http.GetAsync(Browser.AuthorizeUrl(t.Pool, t.PublicWeb, new Dictionary<string, string?> { ["response_type"] = "token" }), TestContext.Current.CancellationToken);

        Assert.Equal($"{TestData.Callback}?error=unauthorized_client&state=st-123", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Implicit_flow_returns_tokens_in_the_fragment()
    {
        await using var t = await TestCognito.StartAsync();
        using var browser = new Browser();

        var response = await browser.SignInAsync(
            Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?> { ["response_type"] = "token", ["scope"] = "openid orders-api/read" }),
            TestData.Username,
            TestData.Password);
        var fragment = Browser.Parameters(response.Headers.Location!, fragment: true);

        Assert.Equal(["id_token", "access_token", "token_type", "expires_in", "state"], fragment.Keys);
        Assert.Equal("access", (string?)Jwt.Payload(fragment["access_token"])["token_use"]);
        Assert.Equal("3600", fragment["expires_in"]);
    }

    [Fact]
    public async Task User_with_a_temporary_password_cannot_sign_in()
    {
        await using var t = await TestCognito.StartAsync();
        var user = t.Pool.AddUser("temp", "Temp0rary!pw");
        user.SetPassword("Temp0rary!pw", temporary: true);
        using var browser = new Browser();

        var response = await browser.SignInAsync(Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>()), "temp", "Temp0rary!pw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AdminSetUserPassword", await response.BodyAsync(), StringComparison.Ordinal);
    }
}
