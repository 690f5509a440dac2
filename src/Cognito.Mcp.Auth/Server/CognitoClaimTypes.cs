namespace Cognito.Mcp.Auth;

/// <summary>Claim types of a validated Cognito access token, as found on the caller's <see cref="System.Security.Claims.ClaimsPrincipal"/>.</summary>
public static class CognitoClaimTypes
{
    /// <summary>One claim per granted scope (Cognito's space-separated <c>scope</c> is split).</summary>
    public const string Scope = "scope";

    /// <summary>The app client the token was issued to.</summary>
    public const string ClientId = "client_id";

    /// <summary><c>access</c> for access tokens, <c>id</c> for ID tokens.</summary>
    public const string TokenUse = "token_use";

    /// <summary>The user's name; absent from machine-to-machine tokens.</summary>
    public const string Username = "username";

    /// <summary>The subject: the user's id, or the client id for machine-to-machine tokens.</summary>
    public const string Subject = "sub";

    /// <summary>One claim per Cognito group; used as the role claim.</summary>
    public const string Groups = "cognito:groups";
}
