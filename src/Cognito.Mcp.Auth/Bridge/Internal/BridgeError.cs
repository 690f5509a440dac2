namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// An OAuth error for registration and metadata documents, as RFC 6749 §5.2 and RFC 7591 §3.2.2 shape it.
/// </summary>
/// <param name="Error">The error code: <c>invalid_redirect_uri</c>, <c>invalid_client_metadata</c> or <c>invalid_client</c> (<see cref="BridgeErrors"/>).</param>
/// <param name="Description">One actionable sentence for the client's developer; it never holds a secret, a token, or a value the client sent.</param>
internal sealed record BridgeError(string Error, string Description);
