using System.ComponentModel;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// What the token cache stores (in memory, and in a distributed cache as JSON encrypted by
/// <see cref="CachedTokenSerializer"/>). Expiry and refresh time are stored with the token so the decision to refresh
/// is made by the client's <see cref="TimeProvider"/>, not by the cache's own clock. Immutable and sealed, so
/// HybridCache keeps this instance in memory instead of a serialized copy.
/// </summary>
[ImmutableObject(true)]
internal sealed class CachedToken
{
    public required string AccessToken { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>From this instant on the token counts as expiring and is replaced.</summary>
    public required DateTimeOffset RefreshAt { get; init; }

    public string? Scope { get; init; }

    /// <summary>
    /// The cache key the token was stored under. Inside the authenticated encryption, so an entry copied to another key
    /// in the distributed cache (another client's, another scope's) is recognised and not used.
    /// </summary>
    public required string CacheKey { get; init; }

    public CognitoAccessToken ToAccessToken() => new(AccessToken, ExpiresAt, Scope);
}
