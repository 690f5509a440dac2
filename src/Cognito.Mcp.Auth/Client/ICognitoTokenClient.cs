namespace Cognito.Mcp.Auth.Client;

/// <summary>
/// Obtains machine-to-machine access tokens from Cognito (client_credentials). Tokens are cached per client and scope
/// set, replaced before they expire, and fetched once however many callers ask at the same time. Failures throw
/// <see cref="CognitoTokenException"/> and are never cached.
/// </summary>
public interface ICognitoTokenClient
{
    /// <summary>Gets the client's name: <see cref="string.Empty"/> for the default client.</summary>
    string Name { get; }

    /// <summary>Gets a valid access token, from the cache when one is there and not about to expire.</summary>
    /// <param name="scopes">The scopes to request; <see langword="null"/> or empty for the configured default scopes.</param>
    /// <param name="cancellationToken">Cancels this caller's wait (not a request other callers share).</param>
    /// <returns>The access token.</returns>
    /// <exception cref="CognitoTokenException">Cognito refused the request or could not be reached.</exception>
    Task<CognitoAccessToken> GetTokenAsync(IEnumerable<string>? scopes = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets a new access token from Cognito, bypassing the cache, e.g. after a resource server refused
    /// <paramref name="rejectedToken"/>. Concurrent renewals share one request, and if the cache already holds a token
    /// other than <paramref name="rejectedToken"/> (another caller renewed it), that token is returned.
    /// </summary>
    /// <param name="scopes">The scopes to request; <see langword="null"/> or empty for the configured default scopes.</param>
    /// <param name="rejectedToken">The token that was refused, if any.</param>
    /// <param name="cancellationToken">Cancels this caller's wait (not a request other callers share).</param>
    /// <returns>The new access token.</returns>
    /// <exception cref="CognitoTokenException">Cognito refused the request or could not be reached.</exception>
    Task<CognitoAccessToken> RenewTokenAsync(
        IEnumerable<string>? scopes = null,
        CognitoAccessToken? rejectedToken = null,
        CancellationToken cancellationToken = default);
}
