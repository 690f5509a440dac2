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
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireCognitoMcpAuth(CognitoMcpAuthenticationDefaults.AuthenticationScheme);

    /// <summary>
    /// Like <see cref="RequireCognitoMcpAuth{TBuilder}(TBuilder)"/> for the pools registered under
    /// <paramref name="authenticationSchemes"/> (<c>AddCognitoMcpAuth("scheme", …)</c>): a token of any of them is
    /// accepted, with the required scopes of the pool that issued it.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The MCP endpoints, e.g. the result of <c>MapMcp()</c>.</param>
    /// <param name="authenticationSchemes">One or more schemes given to <c>AddCognitoMcpAuth</c>.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder RequireCognitoMcpAuth<TBuilder>(this TBuilder builder, params string[] authenticationSchemes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(authenticationSchemes);
        if (authenticationSchemes.Length == 0 || authenticationSchemes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one scheme given to AddCognitoMcpAuth.", nameof(authenticationSchemes));
        }

        if (authenticationSchemes.Length == 1)
        {
            builder.RequireAuthorization(authenticationSchemes[0]); // the policy AddCognitoMcpAuth registered under the scheme's name
        }
        else
        {
            builder.RequireAuthorization(policy => policy
                .AddAuthenticationSchemes(authenticationSchemes)
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scopes: null, schemes: authenticationSchemes)));
        }

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
