using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// With <see cref="LocalCognitoOptions.SeparateOrigins"/>, keeps each origin to its own paths, as Cognito's two hosts
/// do: the domain origin answers only <c>/domain/{prefix}/…</c>, the issuer origin everything else; a path of the other
/// origin is a 404.
/// </summary>
internal sealed class OriginSeparationMiddleware(RequestDelegate next, Listeners listeners)
{
    public Task InvokeAsync(HttpContext context)
    {
        var onDomainOrigin = context.Connection.LocalPort == listeners.DomainPort;
        var domainPath = context.Request.Path.StartsWithSegments(CognitoEndpoints.DomainPathPrefix, StringComparison.OrdinalIgnoreCase);
        if (onDomainOrigin != domainPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
