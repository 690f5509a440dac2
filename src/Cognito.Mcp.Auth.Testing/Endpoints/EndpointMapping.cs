using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// Maps every endpoint group. Issuer paths are <c>/{userPoolId}/…</c>; a pool's domain lives under
/// <c>/domain/{prefix}/…</c>; the management API is <c>POST /</c>. Nothing else is served (so RFC 8414's
/// <c>/.well-known/oauth-authorization-server</c> is a 404, like Cognito).
/// </summary>
internal static class EndpointMapping
{
    public const string DomainRoute = "/domain/{prefix}";

    public static void MapLocalCognito(this IEndpointRouteBuilder endpoints, LocalCognito cognito)
    {
        var discovery = new DiscoveryEndpoints(cognito);
        endpoints.MapMethods("/{poolId}/.well-known/openid-configuration", [HttpMethods.Get], discovery.DiscoveryAsync);
        endpoints.MapMethods("/{poolId}/.well-known/jwks.json", [HttpMethods.Get], discovery.JwksAsync);

        // Cognito's token endpoint answers Access-Control-Allow-Origin: * so browser apps can redeem codes cross-origin;
        // the framework's CORS middleware answers the preflight (assumed: 204, any request header allowed).
        endpoints.MapMethods(DomainRoute + "/oauth2/token", [HttpMethods.Post], new TokenEndpoint(cognito).HandleAsync)
            .RequireCors(policy => policy.AllowAnyOrigin().WithMethods(HttpMethods.Post).AllowAnyHeader());
        endpoints.MapMethods(DomainRoute + "/oauth2/authorize", [HttpMethods.Get], new AuthorizeEndpoint(cognito).HandleAsync);
        var login = new LoginEndpoint(cognito);
        endpoints.MapMethods(DomainRoute + "/login", [HttpMethods.Get], login.ShowAsync);
        endpoints.MapMethods(DomainRoute + "/login", [HttpMethods.Post], login.SubmitAsync);
        endpoints.MapMethods(DomainRoute + "/oauth2/userInfo", [HttpMethods.Get, HttpMethods.Post], new UserInfoEndpoint(cognito).HandleAsync);
        endpoints.MapMethods(DomainRoute + "/logout", [HttpMethods.Get], new LogoutEndpoint(cognito).HandleAsync);
        endpoints.MapMethods(DomainRoute + "/oauth2/revoke", [HttpMethods.Post], new RevokeEndpoint(cognito).HandleAsync);
        endpoints.MapMethods("/", [HttpMethods.Post], new Management.ManagementEndpoint(cognito).HandleAsync);
        endpoints.MapMethods("/health", [HttpMethods.Get], context =>
        {
            // Healthy only once seeded, so scripts that wait for /health never race the development pool.
            context.Response.StatusCode = cognito.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync(cognito.IsReady ? "Healthy" : "Starting", context.RequestAborted);
        });
    }

    /// <summary>The pool whose domain prefix is in the route, or <see langword="null"/> after a 404 was written.</summary>
    public static LocalUserPool? DomainPool(this LocalCognito cognito, HttpContext context)
    {
        var prefix = context.Request.RouteValues["prefix"] as string;
        var pool = prefix is null ? null : cognito.FindPoolByDomain(prefix);
        if (pool is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return pool;
    }
}
