using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// A caller passes a <see cref="ScopeRequirement"/> when the identity one of the pools authenticated carries one of the
/// scopes that pool's settings make of the requirement (its <c>RequiredScopes</c>, or the attribute's scopes qualified
/// with its <c>ResourceServerIdentifier</c>).
/// </summary>
internal sealed class ScopeAuthorizationHandler(CognitoSchemes schemes) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        foreach (var (scheme, identity) in Eligible(requirement, context.User))
        {
            if (HasAnyScope(identity, Needed(requirement, scheme)))
            {
                context.Succeed(requirement);
                break;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The qualified scopes a requirement asks of <paramref name="user"/>, e.g. <c>write</c> → <c>my-api/write</c>.</summary>
    public IReadOnlyList<string> Needed(ScopeRequirement requirement, ClaimsPrincipal user) => Needed(requirement, schemes.For(user));

    /// <summary>Whether the caller holds one of <paramref name="requirement"/>'s scopes (for the pool that authenticated it).</summary>
    public bool IsMet(ScopeRequirement requirement, ClaimsPrincipal user) =>
        Eligible(requirement, user).Any(pair => HasAnyScope(pair.Identity, Needed(requirement, pair.Scheme)));

    // A policy of pool A is met by pool A's identity only, even when combined with pool B's policy on a route group.
    private IEnumerable<(CognitoScheme Scheme, ClaimsIdentity Identity)> Eligible(ScopeRequirement requirement, ClaimsPrincipal user) =>
        schemes.Authenticated(user).Where(pair => requirement.Schemes is null || requirement.Schemes.Contains(pair.Scheme.Name, StringComparer.Ordinal));

    private static IReadOnlyList<string> Needed(ScopeRequirement requirement, CognitoScheme scheme) =>
        requirement.Scopes is null
            ? [.. scheme.Options.RequiredScopes]
            : [.. requirement.Scopes.Select(s => CognitoMcpAuthPostConfigureOptions.Qualify(s, scheme.Options.ResourceServerIdentifier))];

    private static bool HasAnyScope(ClaimsIdentity identity, IReadOnlyList<string> scopes) =>
        identity.FindAll(CognitoClaimTypes.Scope).Any(claim => scopes.Contains(claim.Value, StringComparer.Ordinal));
}
