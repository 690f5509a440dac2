namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// One endpoint LocalCognito serves, as a row of <see cref="CognitoEndpoints"/> (the row's field name there is its
/// name, as <see cref="LocalCognitoRequestCounts"/> names its counter): where it lives and which counter it advances.
/// </summary>
/// <param name="Origin">Whether the path hangs off the issuer, a pool's domain or the root.</param>
/// <param name="Path">The path after the issuer or domain, e.g. <c>/oauth2/token</c>; <c>/</c> at the root.</param>
/// <param name="DiscoveryField">The discovery document's field that publishes it, or <see langword="null"/>.</param>
/// <param name="Counter">Its slot among the request counters: its position in <see cref="CognitoEndpoints.All"/>.</param>
internal sealed record CognitoEndpoint(EndpointOrigin Origin, string Path, string? DiscoveryField, int Counter)
{
    /// <summary>The route template: <c>/{poolId}…</c> on the issuer, <c>/domain/{prefix}…</c> on a domain.</summary>
    public string Route => Origin switch
    {
        EndpointOrigin.Issuer => "/{poolId}" + Path,
        EndpointOrigin.Domain => CognitoEndpoints.DomainRoute + Path,
        _ => Path,
    };
}
