using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// Wraps the application's <see cref="IAuthorizationMiddlewareResultHandler"/> (or the framework's): when a Cognito
/// scope requirement is what failed, it forbids with the needed scopes in the authentication properties, so the 403
/// challenge names them; every other result goes to the wrapped handler unchanged.
/// </summary>
internal sealed class InsufficientScopeResultHandler(ScopeAuthorizationHandler scopes, IAuthorizationMiddlewareResultHandler inner)
    : IAuthorizationMiddlewareResultHandler
{
    // Not async itself: every accepted request passes through here, and only a refusal needs a state machine.
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Forbidden
        && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault() is { } failed
            ? ForbidAsync(context, policy, failed)
            : inner.HandleAsync(next, context, policy, authorizeResult);

    private async Task ForbidAsync(HttpContext context, AuthorizationPolicy policy, ScopeRequirement failed)
    {
        // What the framework's handler does for a forbidden result, with the needed scopes attached.
        var properties = NeededScopes.ToProperties(scopes.Needed(failed, context.User));
        if (policy.AuthenticationSchemes.Count == 0)
        {
            await context.ForbidAsync(properties);
            return;
        }

        foreach (var scheme in policy.AuthenticationSchemes)
        {
            await context.ForbidAsync(scheme, properties);
        }
    }
}
