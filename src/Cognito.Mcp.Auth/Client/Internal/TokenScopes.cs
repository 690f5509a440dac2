namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>Puts a scope list in one canonical form (distinct, ordinal order, space-separated) for cache keys and requests.</summary>
internal static class TokenScopes
{
    private static readonly char[] Separators = [' ', '\t', '\r', '\n'];

    public static string Normalize(IEnumerable<string>? requested, IEnumerable<string> defaults)
    {
        var scopes = Split(requested);
        if (scopes.Count == 0)
        {
            scopes = Split(defaults);
        }

        scopes.Sort(StringComparer.Ordinal);
        return string.Join(' ', scopes);
    }

    private static List<string> Split(IEnumerable<string>? scopes)
    {
        var result = new List<string>();
        if (scopes is null)
        {
            return result;
        }

        foreach (var item in scopes)
        {
            if (string.IsNullOrWhiteSpace(item))
            {
                continue;
            }

            // "a b" given as one item is accepted as two scopes, the way the OAuth scope parameter reads.
            foreach (var scope in item.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!result.Contains(scope, StringComparer.Ordinal))
                {
                    result.Add(scope);
                }
            }
        }

        return result;
    }
}
