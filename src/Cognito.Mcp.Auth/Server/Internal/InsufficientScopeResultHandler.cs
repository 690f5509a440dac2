using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// Remembers which scope a refused request lacked, so the 403 challenge can name it; everything else is the
/// framework's default handling.
/// </summary>
internal sealed class InsufficientScopeResultHandler(ScopeAuthorizationHandler scopes) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault() is { } failed)
        {
            context.Items[CognitoMcpAuthenticationHandler.NeededScopesItem] = scopes.Needed(failed);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
