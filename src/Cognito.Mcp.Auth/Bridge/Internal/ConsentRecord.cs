namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// One remembered consent, kept in the user's browser: this client, with redirects to this place, for these scopes, in
/// the browser whose binding value hashes to <see cref="BrowserBinding"/>, until then.
/// </summary>
internal sealed record ConsentRecord(string ClientId, string RedirectKey, string[] Scopes, string BrowserBinding, DateTimeOffset ExpiresAt);
