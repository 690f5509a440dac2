using Microsoft.AspNetCore.Authorization;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>The caller needs at least one of <see cref="Scopes"/>; <see langword="null"/> means the RequiredScopes of the pool that authenticated it.</summary>
internal sealed class ScopeRequirement(IReadOnlyList<string>? scopes, string[]? schemes = null) : IAuthorizationRequirement
{
    public IReadOnlyList<string>? Scopes { get; } = scopes;

    /// <summary>The pools whose identities may meet it; <see langword="null"/> for any (a tool's <c>[RequireScope]</c>).</summary>
    public string[]? Schemes { get; } = schemes;
}
