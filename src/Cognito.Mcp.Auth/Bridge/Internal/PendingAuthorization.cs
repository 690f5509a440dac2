namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// An authorization a client started and the user has not finished: what the client asked for, and the PKCE verifier
/// of the bridge's own request to Cognito. Stored under its transaction id, which is also the upstream <c>state</c>.
/// </summary>
internal sealed record PendingAuthorization(
    string ClientId,
    string? ClientName,
    string RedirectUri,
    string State,
    string CodeChallenge,
    string[] Scopes,
    string? Resource,
    string UpstreamVerifier,
    string BrowserBinding,
    DateTimeOffset ExpiresAt);
