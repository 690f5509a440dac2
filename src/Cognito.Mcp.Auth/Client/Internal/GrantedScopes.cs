using Microsoft.IdentityModel.JsonWebTokens;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// What Cognito granted: the response's <c>scope</c>, else the access token's own <c>scope</c> claim (Cognito's
/// client_credentials response carries none). Read, not validated: the token is the client's to send, not to trust.
/// Cognito may silently drop a requested scope the app client is not allowed (its documentation says both that it
/// refuses and that it ignores such scopes), and a token without it would fail later as a 403 nobody can explain.
/// </summary>
internal static class GrantedScopes
{
    /// <summary>The requested scopes the token lacks; empty when all were granted or the grant cannot be read.</summary>
    public static IReadOnlyList<string> Missing(string requested, TokenResponse response, out string? granted)
    {
        granted = response.Scope ?? ScopeClaim(response.AccessToken);
        if (granted is null || requested.Length == 0)
        {
            return [];
        }

        var have = granted.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(scope => !have.Contains(scope, StringComparer.Ordinal))];
    }

    private static string? ScopeClaim(string accessToken)
    {
        try
        {
            return new JsonWebToken(accessToken).TryGetPayloadValue<string>("scope", out var scope) ? scope : null;
        }
        catch (ArgumentException)
        {
            return null; // Not a JWT (an opaque token): nothing to compare.
        }
    }
}
