using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Server.Internal;

internal sealed class ScopeAuthorizationHandler(IOptions<CognitoMcpAuthOptions> options) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (HasAnyScope(context.User, Needed(requirement)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary>The qualified scopes a requirement asks for, e.g. <c>write</c> → <c>my-api/write</c>.</summary>
    public IReadOnlyList<string> Needed(ScopeRequirement requirement)
    {
        var cognito = options.Value;
        return requirement.Scopes is null
            ? [.. cognito.RequiredScopes]
            : [.. requirement.Scopes.Select(s => CognitoMcpAuthPostConfigureOptions.Qualify(s, cognito.ResourceServerIdentifier))];
    }

    public static bool HasAnyScope(ClaimsPrincipal user, IReadOnlyList<string> scopes) =>
        user.Identity?.IsAuthenticated == true
        && user.FindAll(CognitoClaimTypes.Scope).Any(claim => scopes.Contains(claim.Value, StringComparer.Ordinal));
}
