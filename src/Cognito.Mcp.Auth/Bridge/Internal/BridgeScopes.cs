namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>Which scopes a client may ask for: the server's own (its <c>scopes_supported</c>), nothing else.</summary>
internal static class BridgeScopes
{
    /// <summary>
    /// The scopes to request, or an <c>invalid_scope</c> error. No scope means the server's required scopes.
    /// <c>offline_access</c> is dropped: the bridge always issues refresh tokens, and Cognito does not know the scope.
    /// </summary>
    public static (string Error, string Description)? Select(BridgeSettings settings, string? scope, out string[] scopes)
    {
        var requested = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "offline_access").Distinct(StringComparer.Ordinal).ToArray();
        if (requested.Length == 0)
        {
            scopes = [.. settings.DefaultScopes];
            return null;
        }

        var unknown = requested.Where(s => !settings.ScopesOffered.Contains(s, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            scopes = [];
            return ("invalid_scope", $"This server offers only {string.Join(' ', settings.ScopesOffered)}; not {string.Join(' ', unknown.Take(5))}.");
        }

        scopes = requested;
        return null;
    }
}
