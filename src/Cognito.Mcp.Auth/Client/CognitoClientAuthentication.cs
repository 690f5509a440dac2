namespace Cognito.Mcp.Auth.Client;

/// <summary>
/// How the token client authenticates itself to the Cognito token endpoint (RFC 6749 section 2.3.1).
/// Cognito accepts both.
/// </summary>
public enum CognitoClientAuthentication
{
    /// <summary>
    /// <c>client_secret_basic</c>: the client id and secret in an <c>Authorization: Basic</c> header. The default,
    /// and what RFC 6749 asks authorization servers to support first.
    /// </summary>
    ClientSecretBasic = 0,

    /// <summary><c>client_secret_post</c>: <c>client_id</c> and <c>client_secret</c> in the form body.</summary>
    ClientSecretPost = 1,
}
