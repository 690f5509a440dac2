namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// What discovery found: the token endpoint, and the scopes the MCP server asks for (its challenge's <c>scope</c>, else
/// its <c>scopes_supported</c>), requested when neither the caller nor the options name any.
/// </summary>
internal sealed record DiscoveredEndpoint(Uri TokenEndpoint, IReadOnlyList<string> Scopes);
