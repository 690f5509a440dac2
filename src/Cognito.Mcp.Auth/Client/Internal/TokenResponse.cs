namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>A successful token endpoint response (RFC 6749 section 5.1).</summary>
internal sealed record TokenResponse(string AccessToken, TimeSpan? ExpiresIn, string? Scope);
