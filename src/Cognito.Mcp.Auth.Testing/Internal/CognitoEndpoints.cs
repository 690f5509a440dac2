namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// The endpoints LocalCognito serves, one row each: the route mapping, the pools' URLs, the discovery document and
/// <see cref="LocalCognitoRequestCounts"/> all read them here, so a path is written once. <c>/health</c> is not a row:
/// it is the host's readiness probe, not a Cognito endpoint, and is neither counted nor published.
/// </summary>
internal static class CognitoEndpoints
{
    /// <summary>The path a pool's domain is served under; the domain's cookies are scoped to it.</summary>
    public const string DomainPathPrefix = "/domain";

    public const string DomainRoute = DomainPathPrefix + "/{prefix}";

    // Declared before the rows: static fields initialise in textual order, and each row takes the next counter slot.
    private static readonly List<CognitoEndpoint> Rows = [];

    public static readonly CognitoEndpoint Token = Add(EndpointOrigin.Domain, "/oauth2/token", "token_endpoint");

    public static readonly CognitoEndpoint Jwks = Add(EndpointOrigin.Issuer, "/.well-known/jwks.json", "jwks_uri");

    public static readonly CognitoEndpoint Discovery = Add(EndpointOrigin.Issuer, "/.well-known/openid-configuration", null);

    public static readonly CognitoEndpoint Authorize = Add(EndpointOrigin.Domain, "/oauth2/authorize", "authorization_endpoint");

    public static readonly CognitoEndpoint Login = Add(EndpointOrigin.Domain, "/login", null);

    public static readonly CognitoEndpoint UserInfo = Add(EndpointOrigin.Domain, "/oauth2/userInfo", "userinfo_endpoint");

    // Assumed (unsure): discovery publishes /logout as end_session_endpoint, as cognito-wire.md lists it with a doubt.
    public static readonly CognitoEndpoint Logout = Add(EndpointOrigin.Domain, "/logout", "end_session_endpoint");

    public static readonly CognitoEndpoint Revoke = Add(EndpointOrigin.Domain, "/oauth2/revoke", "revocation_endpoint");

    public static readonly CognitoEndpoint Management = Add(EndpointOrigin.Root, "/", null);

    /// <summary>Every row, each at the position its <see cref="CognitoEndpoint.Counter"/> names.</summary>
    public static IReadOnlyList<CognitoEndpoint> All => Rows;

    /// <summary>A pool's domain, e.g. <c>http://127.0.0.1:41234/domain/local-dev</c>.</summary>
    public static string DomainAddress(string domainBaseAddress, string prefix) => $"{domainBaseAddress}{DomainPathPrefix}/{prefix}";

    private static CognitoEndpoint Add(EndpointOrigin origin, string path, string? discoveryField)
    {
        var row = new CognitoEndpoint(origin, path, discoveryField, Rows.Count);
        Rows.Add(row);
        return row;
    }
}
