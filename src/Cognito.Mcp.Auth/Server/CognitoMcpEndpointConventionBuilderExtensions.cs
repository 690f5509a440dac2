using Cognito.Mcp.Auth;
using Cognito.Mcp.Auth.Server.Internal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Protects MCP endpoints with Cognito access tokens.</summary>
public static class CognitoMcpEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires a valid Cognito access token with one of <c>Cognito:RequiredScopes</c> on these endpoints (usually
    /// <c>app.MapMcp()</c>), and answers <c>tools/call</c> for a tool marked <see cref="RequireScopeAttribute"/> with
    /// HTTP 403 <c>insufficient_scope</c> when the caller lacks its scope.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The MCP endpoints, e.g. the result of <c>MapMcp()</c>.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder RequireCognitoMcpAuth<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.RequireAuthorization(CognitoMcpAuthenticationDefaults.PolicyName);
        builder.Add(endpoint =>
        {
            endpoint.Metadata.Add(CognitoMcpEndpointMetadata.Instance);
            if (endpoint.RequestDelegate is { } inner)
            {
                endpoint.RequestDelegate = ToolScopeGuard.Wrap(inner);
            }
        });
        return builder;
    }
}
