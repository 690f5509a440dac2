namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>Limits of <see cref="ClientMetadataDocumentFetcher"/>; the defaults follow draft-ietf-oauth-client-id-metadata-document.</summary>
internal sealed record ClientMetadataDocumentOptions
{
    /// <summary>Gets the longest a fetch may take, connection and body included: 5 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the largest document read: 5 KiB, the draft's suggested cap.</summary>
    public int MaxBodyBytes { get; init; } = 5 * 1024;

    /// <summary>Gets how long a document without <c>Cache-Control: max-age</c> is cached: 5 minutes.</summary>
    public TimeSpan DefaultCacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets the shortest time a usable document is cached, whatever its <c>max-age</c>, <c>no-cache</c> or
    /// <c>no-store</c> says: 60 seconds. Every authorization request names the document, so without a floor a client
    /// (or an attacker naming its URL) could make the bridge fetch it for every request; the document is public
    /// metadata, not a secret, so keeping it for a minute stores nothing the server should not have.
    /// </summary>
    public TimeSpan MinCacheDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the longest time a document is cached: 24 hours, so a changed document takes effect within a day.</summary>
    public TimeSpan MaxCacheDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Gets how long a failure is cached: 30 seconds, so a flood of requests for a bad URL is not a flood of fetches.</summary>
    public TimeSpan FailureCacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how many documents and failures the cache holds at most: 1,000.</summary>
    public int CacheSizeLimit { get; init; } = 1000;

    /// <summary>
    /// Whether, outside Development, only the default https port (443) may be named: other ports would let client ids
    /// probe other hosts' services. Default <see langword="true"/>; tests of the address checks turn it off.
    /// </summary>
    public bool RequireDefaultPort { get; init; } = true;
}
