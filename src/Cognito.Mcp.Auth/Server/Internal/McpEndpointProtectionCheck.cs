using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore.Authentication;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// Stops the application at start-up when an MCP endpoint is protected the way the MCP SDK's samples do it,
/// <c>app.MapMcp().RequireAuthorization()</c>: with this library's scheme as the default, that accepts any valid token
/// of an allowed client without the <c>RequiredScopes</c> check. Runs after the pipeline is built, when every endpoint
/// is known, and before the server listens.
/// </summary>
internal sealed class McpEndpointProtectionCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var registry = app.ApplicationServices.GetRequiredService<CognitoSchemeRegistry>();
        var pools = app.ApplicationServices.GetRequiredService<CognitoSchemes>();
        foreach (var registration in registry.All)
        {
            _ = pools.Get(registration.Scheme).Metadata; // a bad ConfigureMetadata fails now, not at the first request
        }
        var endpoints = app.ApplicationServices.GetService<EndpointDataSource>()?.Endpoints ?? [];
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(ServerLog.Category);
        var schemes = app.ApplicationServices.GetRequiredService<IAuthenticationSchemeProvider>();
        if (schemes.GetSchemeAsync(McpAuthenticationDefaults.AuthenticationScheme).GetAwaiter().GetResult() is not null)
        {
            // Both would answer /.well-known/oauth-protected-resource; whichever runs first wins, unpredictably.
            ServerLog.SdkSchemeAlsoRegistered(logger, McpAuthenticationDefaults.AuthenticationScheme);
        }

        var weak = new List<string>();
        var anonymous = new List<string>();
        foreach (var endpoint in endpoints.Where(IsMcpEndpoint))
        {
            var metadata = endpoint.Metadata;
            var name = endpoint.DisplayName ?? endpoint.ToString() ?? "MCP endpoint";
            var authorize = metadata.GetOrderedMetadata<IAuthorizeData>();
            var policies = metadata.GetOrderedMetadata<AuthorizationPolicy>();
            if (metadata.GetMetadata<CognitoMcpEndpointMetadata>() is not null
                || authorize.Any(a => a.Policy is { } policy && registry.Find(policy) is not null))
            {
                if (metadata.GetMetadata<IAllowAnonymous>() is not null)
                {
                    anonymous.Add(name);
                }

                continue;
            }

            // RequireAuthorization() or a policy that only denies anonymous users: any valid token would do.
            var onlyAuthenticated = (authorize.Count > 0 || policies.Count > 0)
                && authorize.All(a => a.Policy is null && a.Roles is null)
                && policies.All(p => p.Requirements.All(r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement));
            if (metadata.GetMetadata<IAllowAnonymous>() is null && onlyAuthenticated)
            {
                weak.Add(name);
            }
            else if (authorize.Count == 0 && policies.Count == 0)
            {
                ServerLog.McpEndpointUnprotected(logger, name);
            }
        }

        if (weak.Count > 0)
        {
            throw new InvalidOperationException(
                $"The MCP endpoint{(weak.Count > 1 ? "s" : string.Empty)} {string.Join(", ", weak.Distinct())} require{(weak.Count > 1 ? string.Empty : "s")} only an authenticated user (RequireAuthorization()), so Cognito:RequiredScopes would not be checked and any valid token of an allowed client would be accepted. Write app.MapMcp(...).RequireCognitoMcpAuth() instead of .RequireAuthorization().");
        }

        if (anonymous.Count > 0)
        {
            throw new InvalidOperationException(
                $"The MCP endpoint{(anonymous.Count > 1 ? "s" : string.Empty)} {string.Join(", ", anonymous.Distinct())} {(anonymous.Count > 1 ? "are" : "is")} marked AllowAnonymous, which switches RequireCognitoMcpAuth() off for {(anonymous.Count > 1 ? "them" : "it")}. Remove .AllowAnonymous() from the MCP endpoints.");
        }
    };

    // The MCP SDK names its endpoints "MCP Streamable HTTP | …" and "MCP HTTP with SSE | …" (WithDisplayName in MapMcp).
    private static bool IsMcpEndpoint(Endpoint endpoint) =>
        endpoint.DisplayName is { } name
        && (name.StartsWith("MCP Streamable HTTP", StringComparison.Ordinal) || name.StartsWith("MCP HTTP with SSE", StringComparison.Ordinal));
}
