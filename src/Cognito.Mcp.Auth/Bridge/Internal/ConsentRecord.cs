namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>One remembered consent, kept in the user's browser: this client, with redirects to this place, until then.</summary>
internal sealed record ConsentRecord(string ClientId, string RedirectKey, DateTimeOffset ExpiresAt);
