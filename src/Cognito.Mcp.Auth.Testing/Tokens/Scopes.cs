namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>Parses a space-separated <c>scope</c> parameter into distinct scopes, in request order.</summary>
internal static class Scopes
{
    public static List<string> Parse(string? scope) =>
        scope is null ? [] : [.. scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
}
