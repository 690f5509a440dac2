using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Keeps the bridge's state (registrations, pending authorizations, codes, refresh tokens) in the application's
/// <see cref="IDistributedCache"/>, so several instances behind a load balancer share it (Redis, SQL Server, ...).
/// Keys are SHA-256 hashes of the ids, so someone who can list the cache cannot use a code or token they see; values
/// are encrypted and authenticated with Data Protection under a purpose naming both the kind and the id, so someone who
/// can read the cache gets no Cognito token, and someone who can write it can delete entries but cannot forge one, nor
/// move one under another id or kind (a refresh token copied under a handle of their choosing does not decrypt).
/// </summary>
internal sealed class BridgeStore(IDistributedCache cache, IDataProtectionProvider dataProtection, ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger(BridgeFlowLog.Category);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Cognito.Mcp.Auth.AuthorizationBridge.v1");

    public async Task SetAsync<T>(string kind, string id, T value, JsonTypeInfo<T> type, TimeSpan lifetime, CancellationToken cancellationToken, bool sliding = false)
    {
        var payload = _protector.CreateProtector(kind, id).Protect(JsonSerializer.SerializeToUtf8Bytes(value, type));
        var entry = sliding
            ? new DistributedCacheEntryOptions { SlidingExpiration = lifetime }
            : new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime };
        await cache.SetAsync(Key(kind, id), payload, entry, cancellationToken);
    }

    public async Task<T?> GetAsync<T>(string kind, string id, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var payload = await cache.GetAsync(Key(kind, id), cancellationToken);
        if (payload is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(_protector.CreateProtector(kind, id).Unprotect(payload), type);
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            // Another key ring (instances that do not share Data Protection keys) or a tampered entry: a miss, not a 500.
            BridgeFlowLog.StoredEntryUnreadable(logger, kind, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Reads and removes an entry. Not atomic across instances: two instances redeeming the same code within
    /// milliseconds could both succeed (see docs/interactive-clients.md); within one instance the caller serialises.
    /// </summary>
    public async Task<T?> TakeAsync<T>(string kind, string id, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var value = await GetAsync(kind, id, type, cancellationToken);
        if (value is not null)
        {
            await RemoveAsync(kind, id, cancellationToken);
        }

        return value;
    }

    public Task RemoveAsync(string kind, string id, CancellationToken cancellationToken) => cache.RemoveAsync(Key(kind, id), cancellationToken);

    private static string Key(string kind, string id) =>
        "cognito-mcp-bridge:" + kind + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + id)));
}
