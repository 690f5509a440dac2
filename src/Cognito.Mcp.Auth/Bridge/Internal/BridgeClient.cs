namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// A client the bridge knows: from dynamic registration (RFC 7591) or from a Client ID Metadata Document. Every
/// client is public (token endpoint authentication <c>none</c>, PKCE S256).
/// </summary>
/// <param name="ClientId">The client id: assigned at registration, or the metadata document's URL.</param>
/// <param name="ClientName">The name the client gave itself, or <see langword="null"/>; shown on the consent page as a claim, never trusted.</param>
/// <param name="RedirectUris">The redirect URIs, each checked by <see cref="RedirectUriRules.Validate"/>; compare with <see cref="RedirectUriRules.Matches"/>.</param>
/// <param name="ApplicationType"><c>native</c> or <c>web</c> (<see cref="ApplicationTypes"/>).</param>
/// <param name="FromMetadataDocument"><see langword="true"/> when the client id is a metadata document URL.</param>
internal sealed record BridgeClient(string ClientId, string? ClientName, IReadOnlyList<string> RedirectUris, string ApplicationType, bool FromMetadataDocument);
