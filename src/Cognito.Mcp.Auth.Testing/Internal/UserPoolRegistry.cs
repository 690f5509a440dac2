using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// The user pools of one <see cref="LocalCognito"/> and what they share: the clock, the origins their URLs start with,
/// the domain prefixes (unique across pools) and a creation order for listings. The model's root: it knows neither
/// HTTP nor the management API; the endpoints, the management operations and <see cref="LocalCognito"/> reach the
/// pools through it.
/// </summary>
internal sealed class UserPoolRegistry(TimeProvider timeProvider, ILogger logger)
{
    private readonly ConcurrentDictionary<string, LocalUserPool> _pools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalUserPool> _domains = new(StringComparer.Ordinal);
    private readonly Lock _domainLock = new();
    private long _sequence;

    public TimeProvider TimeProvider => timeProvider;

    /// <summary>The issuer origin without a trailing slash; set once the listeners are bound, before any pool exists.</summary>
    public string BaseAddress { get; set; } = "http://127.0.0.1";

    /// <summary>The origin of the pools' domains without a trailing slash; set with <see cref="BaseAddress"/>.</summary>
    public string DomainBaseAddress { get; set; } = "http://127.0.0.1";

    /// <summary>Every pool, in creation order.</summary>
    public IReadOnlyCollection<LocalUserPool> All => [.. _pools.Values.OrderBy(p => p.Sequence)];

    /// <summary>Creates a pool with a random id such as <c>us-east-1_AbCdEf123</c>.</summary>
    public LocalUserPool Create(string name, string region) => Create(name, region, $"{region}_{RandomStrings.PoolIdSuffix()}");

    public LocalUserPool Create(string name, string region, string id)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(region);
        if (name.Length is 0 or > 128)
        {
            throw CognitoValidation.Invalid("1 validation error detected: Value at 'poolName' failed to satisfy constraint: Member must have length between 1 and 128.");
        }

        CognitoValidation.Region(region);
        var pool = new LocalUserPool(this, id, name, region);
        if (!_pools.TryAdd(id, pool))
        {
            throw CognitoValidation.Invalid($"User pool {id} already exists.");
        }

        Log.PoolCreated(logger, id);
        return pool;
    }

    public LocalUserPool? Find(string userPoolId) => _pools.GetValueOrDefault(userPoolId);

    public LocalUserPool Get(string userPoolId) =>
        Find(userPoolId) ?? throw new LocalCognitoException("ResourceNotFoundException", $"User pool {userPoolId} does not exist.");

    /// <summary>Deletes a pool; like Cognito, its domain must be deleted first.</summary>
    public void Delete(string userPoolId)
    {
        var pool = Get(userPoolId);
        if (pool.DomainPrefix is not null)
        {
            throw CognitoValidation.Invalid("User pool cannot be deleted. It has a domain configured that should be deleted first.");
        }

        _pools.TryRemove(userPoolId, out _);
    }

    public LocalUserPool? FindByDomain(string prefix) => _domains.GetValueOrDefault(prefix);

    public void RegisterDomain(string prefix, LocalUserPool pool)
    {
        lock (_domainLock)
        {
            if (!_domains.TryAdd(prefix, pool))
            {
                throw CognitoValidation.Invalid("Domain already associated with another user pool.");
            }
        }
    }

    public void UnregisterDomain(string prefix, LocalUserPool pool)
    {
        lock (_domainLock)
        {
            _domains.TryRemove(new KeyValuePair<string, LocalUserPool>(prefix, pool));
            pool.RemoveDomain();
        }
    }

    /// <summary>A creation order for listings, since fake clocks give equal timestamps.</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);
}
