using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// Maps every row of <see cref="CognitoEndpoints"/> to its handler, counted; <see cref="LocalCognito"/> adds
/// <c>/health</c>, its own readiness. Issuer paths are <c>/{userPoolId}/…</c>; a pool's domain lives under
/// <c>/domain/{prefix}/…</c>; the management API is <c>POST /</c>. Nothing else is served (so RFC 8414's
/// <c>/.well-known/oauth-authorization-server</c> is a 404, like Cognito).
/// </summary>
internal static class EndpointMapping
{
    public static void MapLocalCognito(
        this IEndpointRouteBuilder endpoints,
        UserPoolRegistry pools,
        LocalCognitoFaults faults,
        LocalCognitoRequestCounts counts,
        DisallowedScopeBehavior disallowedScopes,
        ILogger logger)
    {
        var discovery = new DiscoveryEndpoints(pools, faults);
        endpoints.Map(CognitoEndpoints.Discovery, counts, discovery.DiscoveryAsync, HttpMethods.Get);
        endpoints.Map(CognitoEndpoints.Jwks, counts, discovery.JwksAsync, HttpMethods.Get);

        // Cognito's token endpoint answers Access-Control-Allow-Origin: * so browser apps can redeem codes cross-origin;
        // the framework's CORS middleware answers the preflight (assumed: 204, any request header allowed).
        endpoints.Map(CognitoEndpoints.Token, counts, new TokenEndpoint(pools, faults, disallowedScopes, logger).HandleAsync, HttpMethods.Post)
            .RequireCors(policy => policy.AllowAnyOrigin().WithMethods(HttpMethods.Post).AllowAnyHeader());
        endpoints.Map(CognitoEndpoints.Authorize, counts, new AuthorizeEndpoint(pools, logger).HandleAsync, HttpMethods.Get);
        var login = new LoginEndpoint(pools, logger);
        endpoints.Map(CognitoEndpoints.Login, counts, login.ShowAsync, HttpMethods.Get);
        endpoints.Map(CognitoEndpoints.Login, counts, login.SubmitAsync, HttpMethods.Post);
        endpoints.Map(CognitoEndpoints.UserInfo, counts, new UserInfoEndpoint(pools).HandleAsync, HttpMethods.Get, HttpMethods.Post);
        endpoints.Map(CognitoEndpoints.Logout, counts, new LogoutEndpoint(pools, logger).HandleAsync, HttpMethods.Get);
        endpoints.Map(CognitoEndpoints.Revoke, counts, new RevokeEndpoint(pools).HandleAsync, HttpMethods.Post);
        endpoints.Map(CognitoEndpoints.Management, counts, new Management.ManagementEndpoint(pools, logger).HandleAsync, HttpMethods.Post);
    }

    /// <summary>The pool whose domain prefix is in the route, or <see langword="null"/> after a 404 was written.</summary>
    public static LocalUserPool? DomainPool(this UserPoolRegistry pools, HttpContext context)
    {
        var prefix = context.Request.RouteValues["prefix"] as string;
        var pool = prefix is null ? null : pools.FindByDomain(prefix);
        if (pool is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return pool;
    }

    /// <summary>Maps a row of <see cref="CognitoEndpoints"/>, counting every request it receives before the handler runs.</summary>
    private static IEndpointConventionBuilder Map(
        this IEndpointRouteBuilder endpoints, CognitoEndpoint endpoint, LocalCognitoRequestCounts counts, RequestDelegate handler, params string[] methods) =>
        endpoints.MapMethods(endpoint.Route, methods, context =>
        {
            counts.Count(endpoint);
            return handler(context);
        });
}
