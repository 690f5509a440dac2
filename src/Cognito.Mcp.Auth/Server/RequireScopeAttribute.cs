using Cognito.Mcp.Auth.Server.Internal;
using Microsoft.AspNetCore.Authorization;

namespace Cognito.Mcp.Auth;

/// <summary>
/// Declares that an MCP tool needs at least one of the given Cognito scopes. With <c>AddAuthorizationFilters()</c> on
/// the MCP server, <c>tools/list</c> hides the tool from callers without the scope; with <c>RequireCognitoMcpAuth()</c>
/// on the endpoint, calling it answers HTTP 403 <c>insufficient_scope</c> naming the scope, so the client can step up.
/// On prompts and resources the SDK's authorization filter applies it too, answering with a JSON-RPC error.
/// </summary>
/// <param name="scopes">Scopes such as <c>my-api/write</c>, or <c>write</c> when <c>Cognito:ResourceServerIdentifier</c> is set.</param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class RequireScopeAttribute(params string[] scopes) : Attribute, IAuthorizationRequirementData
{
    /// <summary>Gets the scopes of which the caller needs at least one.</summary>
    public IReadOnlyList<string> Scopes { get; } = scopes ?? throw new ArgumentNullException(nameof(scopes));

    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return new ScopeRequirement(Scopes);
    }
}
