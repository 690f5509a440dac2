using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Internal;
using Cognito.Mcp.Auth.Server.Internal;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Decides where a token endpoint found by discovery may be, so that the client secret goes only to Cognito: the
/// issuer the options name, a Cognito prefix domain (a host only AWS operates), or a host the options allow.
/// </summary>
internal static partial class TrustedTokenEndpoints
{
    // {prefix}.auth.{region}.amazoncognito.com, and the FIPS form {prefix}.auth-fips.{region}.amazoncognito.com.
    [GeneratedRegex(
        @"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.auth(?:-fips)?\.[a-z]{2}(?:-[a-z]+)+-\d{1,2}\.amazoncognito\.com$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        matchTimeoutMilliseconds: 100)]
    private static partial Regex CognitoPrefixDomain();

    /// <summary>The issuer the MCP server must name: <see cref="CognitoTokenClientOptions.ExpectedIssuer"/>, else derived from the pool id.</summary>
    public static Uri? ExpectedIssuer(CognitoTokenClientOptions options)
    {
        if (options.ExpectedIssuer is not null)
        {
            return options.ExpectedIssuer;
        }

        return CognitoUserPoolId.TryGetRegion(options.UserPoolId, out var region)
            ? new Uri(CognitoUrls.Issuer(region, options.UserPoolId!))
            : null;
    }

    /// <summary>True for https on a Cognito prefix domain, or any host listed in <see cref="CognitoTokenClientOptions.AllowedTokenEndpointHosts"/>.</summary>
    public static bool IsTrusted(Uri tokenEndpoint, CognitoTokenClientOptions options)
    {
        if (!EndpointPolicy.IsAllowed(tokenEndpoint))
        {
            return false;
        }

        // A Cognito domain's token endpoint exactly: any other path of the domain is no place for the secret either.
        if (tokenEndpoint.Scheme == Uri.UriSchemeHttps && tokenEndpoint.IsDefaultPort && CognitoPrefixDomain().IsMatch(tokenEndpoint.IdnHost)
            && tokenEndpoint.AbsolutePath == CognitoTokenClientDefaults.TokenEndpointPath && tokenEndpoint.Query.Length == 0)
        {
            return true;
        }

        return options.AllowedTokenEndpointHosts.Any(pattern => HostMatches(tokenEndpoint, pattern));
    }

    /// <summary>Accepts <c>host.example.com</c>, <c>*.example.com</c> and IP addresses; nothing with a scheme, port or path.</summary>
    public static bool IsValidHostPattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return false;
        }

        var wildcard = pattern.StartsWith("*.", StringComparison.Ordinal);
        var host = wildcard ? pattern[2..] : pattern;
        var kind = Uri.CheckHostName(host.Trim('[', ']'));
        // A wildcard names DNS suffixes only: "*.0.0.1" would match 127.0.0.1 and 10.0.0.1.
        return kind != UriHostNameType.Unknown && !host.Contains('*', StringComparison.Ordinal) && (!wildcard || kind == UriHostNameType.Dns);
    }

    private static bool HostMatches(Uri uri, string pattern)
    {
        // An allowed remote host is trusted over https on its default port only; loopback (LocalCognito) on any port.
        if (!IsValidHostPattern(pattern)
            || (!LoopbackAddress.IsLoopback(uri) && (uri.Scheme != Uri.UriSchemeHttps || !uri.IsDefaultPort)))
        {
            return false;
        }

        var host = uri.IdnHost.Trim('[', ']');
        pattern = pattern.Trim().Trim('[', ']');
        return pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
    }
}
