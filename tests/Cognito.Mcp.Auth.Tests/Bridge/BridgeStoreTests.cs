using Cognito.Mcp.Auth.Bridge.Internal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Tests.Bridge;

/// <summary>What someone with read or write access to the distributed cache gets from the bridge's entries.</summary>
public sealed class BridgeStoreTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entries_are_encrypted_under_hashed_keys_and_a_moved_entry_does_not_decrypt()
    {
        var cache = new RecordingCache();
        var store = new BridgeStore(cache, new EphemeralDataProtectionProvider(), NullLoggerFactory.Instance);
        var record = new RefreshTokenRecord("client-a", ["my-api/read"], null, "cognito-refresh-token-secret", "family-1", DateTimeOffset.UtcNow.AddDays(1));

        await store.SetAsync(BridgeStoreKinds.RefreshToken, "handle-of-the-victim", record, BridgeJsonContext.Default.RefreshTokenRecord, TimeSpan.FromHours(1), Cancellation);

        var (key, value) = Assert.Single(cache.Entries);
        Assert.DoesNotContain("handle-of-the-victim", key, StringComparison.Ordinal);
        Assert.DoesNotContain("cognito-refresh-token-secret", System.Text.Encoding.UTF8.GetString(value), StringComparison.Ordinal);
        Assert.Equal("client-a", (await store.GetAsync(BridgeStoreKinds.RefreshToken, "handle-of-the-victim", BridgeJsonContext.Default.RefreshTokenRecord, Cancellation))?.ClientId);

        // A writer copies the victim's entry under a handle of their own choosing (the key hash is computable).
        await store.SetAsync(BridgeStoreKinds.RefreshToken, "handle-of-the-attacker", record, BridgeJsonContext.Default.RefreshTokenRecord, TimeSpan.FromHours(1), Cancellation);
        var attackerKey = cache.Entries.Keys.Single(k => k != key);
        cache.Entries[attackerKey] = value;

        Assert.Null(await store.GetAsync(BridgeStoreKinds.RefreshToken, "handle-of-the-attacker", BridgeJsonContext.Default.RefreshTokenRecord, Cancellation));
    }

    private sealed class RecordingCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public Dictionary<string, byte[]> Entries { get; } = [];

        public byte[]? Get(string key) => Entries.GetValueOrDefault(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key) => Entries.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default)
        {
            Remove(key);
            return Task.CompletedTask;
        }

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Entries[key] = value;

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Set(key, value, options);
            return Task.CompletedTask;
        }
    }
}
