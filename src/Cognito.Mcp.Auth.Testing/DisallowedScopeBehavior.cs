namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// What LocalCognito's token endpoint does when a <c>client_credentials</c> request asks for a scope that exists in
/// the pool but that the app client may not use (see <see cref="LocalCognitoOptions.DisallowedClientCredentialsScopes"/>).
/// A scope the pool does not know at all is always refused with <c>invalid_scope</c>.
/// </summary>
public enum DisallowedScopeBehavior
{
    /// <summary>Refuse the whole request: <c>400 {"error":"invalid_scope"}</c>.</summary>
    Refuse,

    /// <summary>
    /// Leave the scope out and issue the token with the others ("ignored at runtime"); when none remain, refuse with
    /// <c>invalid_scope</c>.
    /// </summary>
    Drop,
}
