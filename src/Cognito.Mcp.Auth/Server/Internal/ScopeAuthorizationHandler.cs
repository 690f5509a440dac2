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
        if (IsMet(requirement, context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary>The qualified scopes a requirement asks of <paramref name="user"/>, e.g. <c>write</c> → <c>my-api/write</c>.</summary>
    public IReadOnlyList<string> Needed(ScopeRequirement requirement, ClaimsPrincipal user) => Needed(requirement, schemes.For(user));

    /// <summary>Whether the caller holds one of <paramref name="requirement"/>'s scopes (for the pool that authenticated it).</summary>
    /// <remarks>
    /// Runs on every authorized request: loops instead of LINQ, and a policy's own requirement (the pool's
    /// <c>RequiredScopes</c>) is read in place rather than copied.
    /// </remarks>
    public bool IsMet(ScopeRequirement requirement, ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            // A policy of pool A is met by pool A's identity only, even when combined with pool B's policy on a route group.
            if (schemes.Of(identity) is not { } scheme || (requirement.Schemes is { } allowed && Array.IndexOf(allowed, scheme.Name) < 0))
            {
                continue;
            }

            if (requirement.Scopes is null ? HasAnyScope(identity, scheme.Options.RequiredScopes) : HasAnyScope(identity, Needed(requirement, scheme)))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Needed(ScopeRequirement requirement, CognitoScheme scheme) =>
        requirement.Scopes is null
            ? [.. scheme.Options.RequiredScopes]
            : [.. requirement.Scopes.Select(s => CognitoMcpAuthPostConfigureOptions.Qualify(s, scheme.Options.ResourceServerIdentifier))];

    private static bool HasAnyScope(ClaimsIdentity identity, IList<string> scopes)
    {
        foreach (var claim in identity.Claims)
        {
            // Case-insensitive claim type, as ClaimsIdentity.FindAll compares it.
            if (string.Equals(claim.Type, CognitoClaimTypes.Scope, StringComparison.OrdinalIgnoreCase) && Contains(scopes, claim.Value))
            {
                return true;
            }
        }

        return false;
    }

    // Indexed: a foreach over the interface would allocate an enumerator for each claim.
    private static bool Contains(IList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
