using System.Buffers;
using System.Collections.Frozen;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Which redirect URIs a client may register, and when a requested redirect URI is one of them. Exact matching (RFC
/// 9700 §4.1.3, OAuth 2.1), with one exception: RFC 8252 §7.3 loopback redirects of native apps match on any port.
/// </summary>
/// <remarks>
/// <para>
/// A <c>web</c> client may register https only, not even http on a loopback host: a web client's redirect target is a
/// server the client controls, so http would carry the authorization code in clear text, and on a loopback host it
/// would deliver the code to whatever process listens on the user's machine (OpenID Connect Dynamic Registration §2
/// forbids <c>localhost</c> for web clients). Loopback http, and the any-port rule, are for native apps, whose port the
/// operating system assigns at run time. A client that needs them registers as <c>native</c>.
/// </para>
/// <para>
/// A private-use scheme (RFC 8252 §7.1) is not required to be a reverse domain name, because clients in use register
/// schemes such as <c>cursor://</c>; schemes that run code or read local data in a browser are refused by name.
/// </para>
/// </remarks>
internal static class RedirectUriRules
{
    /// <summary>The longest redirect URI accepted: 2,000 characters.</summary>
    public const int MaxLength = 2000;

    /// <summary>
    /// Schemes that are never a redirect target: they run script, read local or browser data, are not HTTP, or are
    /// operating-system and browser handlers known to launch programs or open local content (Windows <c>ms-*</c> and
    /// search handlers, Android intents, Internet Explorer's legacy ones, browser-internal pages).
    /// </summary>
    private static readonly FrozenSet<string> ForbiddenSchemes = FrozenSet.Create(
        StringComparer.Ordinal,
        "javascript", "data", "file", "vbscript", "blob", "about", "ftp", "ws", "wss", "filesystem", "view-source",
        "search", "search-ms", "intent", "shell", "mhtml", "mk", "its", "ms-its", "hcp", "res", "jar", "help",
        "chrome", "chrome-extension", "edge", "microsoft-edge", "firefox", "moz-extension", "smb", "nfs", "telnet", "ssh");

    /// <summary>Scheme prefixes never allowed either: every <c>ms-</c> handler (ms-msdt, ms-officecmd, ms-settings...).</summary>
    private static readonly string[] ForbiddenSchemePrefixes = ["ms-", "vnd.ms-"];

    /// <summary>RFC 3986 §2: unreserved, reserved and '%'. Anything else (space, control, non-ASCII, <c>"&lt;&gt;\^`{|}</c>) is refused.</summary>
    private static readonly SearchValues<char> UriCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%");

    private static readonly SearchValues<char> SchemeCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-.");

    /// <summary>
    /// Is <paramref name="requested"/> (from an authorize or token request) one of <paramref name="registered"/>? Exact,
    /// ordinal string match, except RFC 8252 §7.3: for a registered http loopback redirect (host 127.0.0.1, [::1] or
    /// localhost), any port matches when scheme, host, path and query are otherwise identical. Never matches on a
    /// prefix; a URI with a fragment never matches.
    /// </summary>
    public static bool Matches(IReadOnlyList<string> registered, string requested)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (string.IsNullOrEmpty(requested) || requested.Length > MaxLength || requested.Contains('#'))
        {
            return false;
        }

        foreach (var candidate in registered)
        {
            if (string.Equals(candidate, requested, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (!TrySplitLoopback(requested, out var host, out var rest) || Validate(requested, ApplicationTypes.Native) is not null)
        {
            return false;
        }

        foreach (var candidate in registered)
        {
            if (TrySplitLoopback(candidate, out var registeredHost, out var registeredRest)
                && registeredHost.Equals(host, StringComparison.Ordinal)
                && registeredRest.Equals(rest, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Checks one redirect URI offered at registration (or in a metadata document) for <paramref name="applicationType"/>
    /// (<c>native</c> or <c>web</c>); <see langword="null"/> when allowed, else the error (<c>invalid_redirect_uri</c>).
    /// </summary>
    public static BridgeError? Validate(string redirectUri, string applicationType)
    {
        if (applicationType is not (ApplicationTypes.Native or ApplicationTypes.Web))
        {
            return new(BridgeErrors.InvalidClientMetadata, "application_type must be \"native\" or \"web\".");
        }

        if (string.IsNullOrEmpty(redirectUri))
        {
            return Invalid("A redirect URI is empty.");
        }

        if (redirectUri.Length > MaxLength)
        {
            return Invalid($"A redirect URI is longer than {MaxLength} characters.");
        }

        if (redirectUri.AsSpan().ContainsAnyExcept(UriCharacters))
        {
            return Invalid("A redirect URI contains a character RFC 3986 does not allow (a space, a control or non-ASCII character, or one of \"<>\\^`{|}); percent-encode it.");
        }

        if (redirectUri.Contains('#'))
        {
            return Invalid("A redirect URI must not contain a fragment (RFC 6749 §3.1.2).");
        }

        var colon = redirectUri.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(redirectUri[0]) || redirectUri.AsSpan(0, colon).ContainsAnyExcept(SchemeCharacters))
        {
            return Invalid("A redirect URI must be absolute and start with a scheme, such as https: (RFC 3986 §3.1).");
        }

        var scheme = redirectUri[..colon].ToLowerInvariant();
        if (ForbiddenSchemes.TryGetValue(scheme, out var forbidden))
        {
            return Invalid($"The scheme {forbidden}: is never allowed in a redirect URI.");
        }

        if (ForbiddenSchemePrefixes.Any(prefix => scheme.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return Invalid("Schemes that start with ms- launch Windows programs and are never allowed in a redirect URI.");
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri))
        {
            return Invalid("A redirect URI is not a valid absolute URI.");
        }

        var afterScheme = redirectUri.AsSpan(colon + 1);
        if (afterScheme.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = afterScheme[2..];
            var end = authority.IndexOfAny('/', '?');
            if ((end < 0 ? authority : authority[..end]).Contains('@') || uri.UserInfo.Length > 0)
            {
                return Invalid("A redirect URI must not contain user information (user@host).");
            }
        }

        return scheme switch
        {
            "http" or "https" when !redirectUri.StartsWith(scheme + "://", StringComparison.Ordinal) || uri.Host.Length == 0 =>
                Invalid("An http or https redirect URI must be written as scheme://host/..., with the scheme in lower case."),
            "https" => null,
            "http" when !TrySplitLoopback(redirectUri, out _, out _) =>
                Invalid("An http redirect URI must use a loopback host, 127.0.0.1, [::1] or localhost (RFC 8252 §7.3); use https for any other host."),
            "http" when applicationType == ApplicationTypes.Web =>
                Invalid("A web client's redirect URIs must use https; http on a loopback host is only for native clients (application_type \"native\", RFC 8252 §7.3)."),
            "http" => null,
            _ when applicationType == ApplicationTypes.Web =>
                Invalid("A web client's redirect URIs must use https; private-use schemes are only for native clients (application_type \"native\", RFC 8252 §7.1)."),
            _ => null,
        };
    }

    /// <summary>True when <paramref name="redirectUri"/> is loopback http or a private-use scheme: the redirects only a native app has.</summary>
    public static bool IsNativeOnly(string redirectUri)
    {
        var colon = redirectUri.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var scheme = redirectUri[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            ? TrySplitLoopback(redirectUri, out _, out _)
            : !scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Splits <c>http://host[:port]rest</c> when host is literally 127.0.0.1, [::1] or localhost and the port, if any, is
    /// 1–65535 in digits; <paramref name="rest"/> is the path and query.
    /// </summary>
    private static bool TrySplitLoopback(string uri, out string host, out string rest)
    {
        host = rest = string.Empty;
        const string Prefix = "http://";
        if (!uri.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var authorityAndRest = uri.AsSpan(Prefix.Length);
        var end = authorityAndRest.IndexOfAny('/', '?', '#');
        var authority = end < 0 ? authorityAndRest : authorityAndRest[..end];
        ReadOnlySpan<char> hostPart;
        ReadOnlySpan<char> portPart;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            hostPart = authority[..(close + 1)];
            portPart = authority[(close + 1)..];
        }
        else
        {
            var colon = authority.IndexOf(':');
            hostPart = colon < 0 ? authority : authority[..colon];
            portPart = colon < 0 ? [] : authority[colon..];
        }

        if (!(hostPart.SequenceEqual("127.0.0.1") || hostPart.SequenceEqual("[::1]") || hostPart.Equals("localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (!portPart.IsEmpty
            && (portPart.Length is < 2 or > 6 || portPart[1] == '0' || portPart[1..].ContainsAnyExceptInRange('0', '9') || int.Parse(portPart[1..], provider: null) > 65535))
        {
            return false;
        }

        host = hostPart.ToString();
        rest = end < 0 ? string.Empty : authorityAndRest[end..].ToString();
        return true;
    }

    private static BridgeError Invalid(string description) => new(BridgeErrors.InvalidRedirectUri, description);
}
