namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// What discovery found: the token endpoint only. The scopes stay the client's own choice (<c>Scopes</c>): an MCP
/// server that chose them could ask for another API's scope and be handed that token.
/// </summary>
internal sealed record DiscoveredEndpoint(Uri TokenEndpoint);
