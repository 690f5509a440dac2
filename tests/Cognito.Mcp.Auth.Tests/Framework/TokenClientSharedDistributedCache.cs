using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>
/// An in-memory <see cref="IDistributedCache"/> two service providers can share, standing in for Redis. (HybridCache
/// ignores <c>MemoryDistributedCache</c> as a second level, since it is only process memory, so tests need their own.)
/// Expiry is not modelled: HybridCache entries carry their own.
/// </summary>
public sealed class TokenClientSharedDistributedCache : IDistributedCache
{
    private readonly ConcurrentDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public IEnumerable<byte[]> Values => _entries.Values;

    public byte[]? Get(string key) => _entries.TryGetValue(key, out var value) ? value : null;

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => _entries.TryRemove(key, out _);

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => _entries[key] = value;

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }
}
