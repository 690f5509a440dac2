using Cognito.Mcp.Auth.Bridge.Internal;

namespace Cognito.Mcp.Auth.Tests.Bridge;

public sealed class RedirectUriRulesTests
{
    private const string Native = ApplicationTypes.Native;
    private const string Web = ApplicationTypes.Web;

    [Fact]
    public void VS_Code_loopback_redirect_matches_on_another_port() =>
        Assert.True(RedirectUriRules.Matches(["https://vscode.dev/redirect", "http://127.0.0.1:33418/"], "http://127.0.0.1:51234/"));

    [Theory]
    [InlineData("http://127.0.0.1/", "http://127.0.0.1:51234/")]
    [InlineData("http://localhost:6274/oauth/callback", "http://localhost:6274/oauth/callback")]
    [InlineData("http://localhost:6274/oauth/callback", "http://localhost:40000/oauth/callback")]
    [InlineData("http://[::1]:8080/cb?x=1", "http://[::1]:9090/cb?x=1")]
    [InlineData("https://claude.ai/api/mcp/auth_callback", "https://claude.ai/api/mcp/auth_callback")]
    [InlineData("cursor://anysphere.cursor-retrieval/oauth/callback", "cursor://anysphere.cursor-retrieval/oauth/callback")]
    public void Registered_redirect_matches(string registered, string requested) =>
        Assert.True(RedirectUriRules.Matches([registered], requested));

    [Theory]
    [InlineData("http://localhost:6274/oauth/callback", "http://localhost:6274/oauth/callback/debug")] // longer path
    [InlineData("http://localhost:6274/oauth/callback", "http://localhost:6274/oauth/")] // prefix
    [InlineData("http://localhost:6274/oauth/callback", "http://localhost:6274/oauth/callback?x=1")] // query added
    [InlineData("http://127.0.0.1:33418/?a=1", "http://127.0.0.1:33418/?a=2")] // query differs
    [InlineData("http://127.0.0.1:33418/", "http://localhost:33418/")] // host differs
    [InlineData("http://127.0.0.1:33418/", "http://127.0.0.1:33418")] // path differs
    [InlineData("http://127.0.0.1:33418/", "http://127.0.0.1:33418/#x")] // fragment
    [InlineData("http://127.0.0.1:33418/", "http://127.0.0.1:0/")] // port 0
    [InlineData("http://127.0.0.1:33418/", "http://127.0.0.1:70000/")] // no such port
    [InlineData("http://127.0.0.1:33418/", "http://127.0.0.1:33418@evil.example/")] // userinfo trick
    [InlineData("http://127.0.0.1:33418/", "https://127.0.0.1:33418/")] // scheme differs
    [InlineData("https://claude.ai/api/mcp/auth_callback", "https://claude.ai:8443/api/mcp/auth_callback")] // https is never port-agnostic
    [InlineData("https://claude.ai/api/mcp/auth_callback", "https://claude.ai/api/mcp/auth_callback/../x")]
    [InlineData("https://claude.ai/api/mcp/auth_callback", "HTTPS://claude.ai/api/mcp/auth_callback")] // ordinal
    [InlineData("https://claude.ai/api/mcp/auth_callback", "https://claude.ai/api/mcp/auth_callback#frag")]
    [InlineData("cursor://anysphere.cursor-retrieval/oauth/callback", "cursor://anysphere.cursor-retrieval/oauth/callback2")]
    [InlineData("http://127.0.0.1:33418/", "")]
    public void Different_redirect_never_matches(string registered, string requested) =>
        Assert.False(RedirectUriRules.Matches([registered], requested));

    [Fact]
    public void Registered_uri_with_a_fragment_never_matches_itself() =>
        Assert.False(RedirectUriRules.Matches(["https://claude.ai/cb#x"], "https://claude.ai/cb#x"));

    [Theory]
    [InlineData("http://127.0.0.1:33418/", Native)]
    [InlineData("http://127.0.0.1/", Native)]
    [InlineData("http://[::1]:5000/cb", Native)]
    [InlineData("http://localhost:6274/oauth/callback", Native)]
    [InlineData("https://claude.ai/api/mcp/auth_callback", Web)]
    [InlineData("https://claude.ai/api/mcp/auth_callback", Native)] // claimed https, RFC 8252 §7.2
    [InlineData("cursor://anysphere.cursor-retrieval/oauth/callback", Native)]
    [InlineData("com.example.app:/oauth2redirect", Native)]
    public void Allowed_redirect_uri_is_accepted(string uri, string applicationType) =>
        Assert.Null(RedirectUriRules.Validate(uri, applicationType));

    [Theory]
    [InlineData("javascript:alert(1)", "The scheme javascript: is never allowed in a redirect URI.")]
    [InlineData("search-ms:query=x", "The scheme search-ms: is never allowed in a redirect URI.")]
    [InlineData("ms-msdt:/id", "Schemes that start with ms- launch Windows programs and are never allowed in a redirect URI.")]
    [InlineData("ms-officecmd:x", "Schemes that start with ms- launch Windows programs and are never allowed in a redirect URI.")]
    [InlineData("JavaScript://x/%0aalert(1)", "The scheme javascript: is never allowed in a redirect URI.")]
    [InlineData("data:text/html,x", "The scheme data: is never allowed in a redirect URI.")]
    [InlineData("file:///etc/passwd", "The scheme file: is never allowed in a redirect URI.")]
    [InlineData("vbscript:x", "The scheme vbscript: is never allowed in a redirect URI.")]
    [InlineData("blob:https://x/y", "The scheme blob: is never allowed in a redirect URI.")]
    [InlineData("about:blank", "The scheme about: is never allowed in a redirect URI.")]
    [InlineData("ftp://x/y", "The scheme ftp: is never allowed in a redirect URI.")]
    [InlineData("ws://127.0.0.1/", "The scheme ws: is never allowed in a redirect URI.")]
    [InlineData("wss://x/", "The scheme wss: is never allowed in a redirect URI.")]
    [InlineData("http://evil.example/", "An http redirect URI must use a loopback host, 127.0.0.1, [::1] or localhost (RFC 8252 §7.3); use https for any other host.")]
    [InlineData("http://127.0.0.2/", "An http redirect URI must use a loopback host, 127.0.0.1, [::1] or localhost (RFC 8252 §7.3); use https for any other host.")]
    [InlineData("http://2130706433/", "An http redirect URI must use a loopback host, 127.0.0.1, [::1] or localhost (RFC 8252 §7.3); use https for any other host.")]
    [InlineData("http://localhost.evil.example/", "An http redirect URI must use a loopback host, 127.0.0.1, [::1] or localhost (RFC 8252 §7.3); use https for any other host.")]
    [InlineData("HTTP://evil.example/", "An http or https redirect URI must be written as scheme://host/..., with the scheme in lower case.")]
    [InlineData("https://claude.ai/cb#x", "A redirect URI must not contain a fragment (RFC 6749 §3.1.2).")]
    [InlineData("http://127.0.0.1/#", "A redirect URI must not contain a fragment (RFC 6749 §3.1.2).")]
    [InlineData("https://user:pw@claude.ai/cb", "A redirect URI must not contain user information (user@host).")]
    [InlineData("http://127.0.0.1@evil.example/", "A redirect URI must not contain user information (user@host).")]
    [InlineData("cursor://me@anysphere/cb", "A redirect URI must not contain user information (user@host).")]
    [InlineData("/relative/callback", "A redirect URI must be absolute and start with a scheme, such as https: (RFC 3986 §3.1).")]
    [InlineData("1app://cb", "A redirect URI must be absolute and start with a scheme, such as https: (RFC 3986 §3.1).")]
    [InlineData("my_app://cb", "A redirect URI must be absolute and start with a scheme, such as https: (RFC 3986 §3.1).")]
    [InlineData("https://claude.ai/a b", "A redirect URI contains a character RFC 3986 does not allow (a space, a control or non-ASCII character, or one of \"<>\\^`{|}); percent-encode it.")]
    [InlineData("https://claude.ai\\@evil.example/", "A redirect URI contains a character RFC 3986 does not allow (a space, a control or non-ASCII character, or one of \"<>\\^`{|}); percent-encode it.")]
    [InlineData("https://clаude.ai/cb", "A redirect URI contains a character RFC 3986 does not allow (a space, a control or non-ASCII character, or one of \"<>\\^`{|}); percent-encode it.")]
    [InlineData("", "A redirect URI is empty.")]
    public void Dangerous_or_malformed_redirect_uri_is_refused_for_native_clients(string uri, string description) =>
        Assert.Equal(new BridgeError("invalid_redirect_uri", description), RedirectUriRules.Validate(uri, Native));

    [Theory]
    [InlineData("http://127.0.0.1:33418/")]
    [InlineData("http://localhost:6274/oauth/callback")]
    public void Web_client_may_not_register_loopback_http(string uri) =>
        Assert.Equal(
            new BridgeError("invalid_redirect_uri", "A web client's redirect URIs must use https; http on a loopback host is only for native clients (application_type \"native\", RFC 8252 §7.3)."),
            RedirectUriRules.Validate(uri, Web));

    [Fact]
    public void Web_client_may_not_register_a_private_use_scheme() =>
        Assert.Equal("invalid_redirect_uri", RedirectUriRules.Validate("cursor://anysphere.cursor-retrieval/oauth/callback", Web)?.Error);

    [Fact]
    public void Overlong_redirect_uri_is_refused() =>
        Assert.Equal(
            new BridgeError("invalid_redirect_uri", "A redirect URI is longer than 2000 characters."),
            RedirectUriRules.Validate("https://claude.ai/" + new string('a', 2000), Web));

    [Fact]
    public void Unknown_application_type_is_refused() =>
        Assert.Equal("invalid_client_metadata", RedirectUriRules.Validate("https://claude.ai/cb", "browser")?.Error);
}
