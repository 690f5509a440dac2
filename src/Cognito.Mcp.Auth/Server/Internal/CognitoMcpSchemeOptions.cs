using Microsoft.AspNetCore.Authentication;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>The MCP scheme has no settings of its own: everything comes from <see cref="CognitoMcpAuthOptions"/>.</summary>
internal sealed class CognitoMcpSchemeOptions : AuthenticationSchemeOptions;
