using Cognito.Mcp.Auth.Testing.Internal;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>Parses a space-separated <c>scope</c> parameter and sorts requested scopes the way Cognito judges them.</summary>
internal static class Scopes
{
    public static List<string> Parse(string? scope) =>
        scope is null ? [] : [.. scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Splits requested scopes, in request order, into those the client may use, those the pool knows (a standard
    /// scope or a resource server's) but the client may not use, and those the pool does not know at all.
    /// </summary>
    public static (List<string> Allowed, List<string> Disallowed, List<string> Unknown) Sort(
        LocalUserPool pool, IEnumerable<string> clientScopes, IReadOnlyList<string> requested)
    {
        var permitted = clientScopes.ToHashSet(StringComparer.Ordinal);
        List<string> allowed = [], disallowed = [], unknown = [];
        foreach (var scope in requested)
        {
            var list = permitted.Contains(scope) ? allowed
                : CognitoValidation.StandardScopes.Contains(scope, StringComparer.Ordinal) || pool.ScopeExists(scope) ? disallowed
                : unknown;
            list.Add(scope);
        }

        return (allowed, disallowed, unknown);
    }
}
