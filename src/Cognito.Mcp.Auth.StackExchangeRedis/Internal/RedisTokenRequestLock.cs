using System.Security.Cryptography;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// The token request lock on Redis: <c>SET key value NX PX lease</c> with a random value, released by a script that
/// deletes the key only while it still holds that value (so a holder whose lease ran out never frees another's lock).
/// The connection is made on first use from the application's <see cref="RedisCacheOptions"/>: its
/// <see cref="RedisCacheOptions.ConnectionMultiplexerFactory"/> if set (the application's own connection), else a
/// connection of our own to the same server that fails fast while Redis is away (no backlog, no abort on a failed
/// connect) and reconnects by itself. Every failure is an exception for the token client, which then requests without
/// the lock.
/// </summary>
internal sealed class RedisTokenRequestLock(IOptions<RedisCacheOptions> cacheOptions, IOptions<CognitoTokenRedisLockOptions> lockOptions)
    : ICognitoTokenRequestLock, IAsyncDisposable
{
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnectionMultiplexer? _connection;
    private bool _ownsConnection;

    public async ValueTask<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var database = (await ConnectAsync(cancellationToken)).GetDatabase();
        var lockKey = new RedisKey($"{cacheOptions.Value.InstanceName}{key}:lock");
        var value = new RedisValue(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var acquired = await database.StringSetAsync(lockKey, value, lockOptions.Value.Lease, When.NotExists).WaitAsync(cancellationToken);
        return acquired ? new Held(database, lockKey, value) : null;
    }

    private async ValueTask<IConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connection) is { } connection)
        {
            return connection;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                var options = cacheOptions.Value;
                if (options.ConnectionMultiplexerFactory is { } factory)
                {
                    _connection = await factory();
                }
                else
                {
                    var configuration = options.ConfigurationOptions?.Clone()
                        ?? (string.IsNullOrWhiteSpace(options.Configuration)
                            ? throw new InvalidOperationException("The Redis token request lock has no Redis to use: register the Redis cache with AddStackExchangeRedisCache(o => o.Configuration = \"host:port\").")
                            : ConfigurationOptions.Parse(options.Configuration));
                    configuration.AbortOnConnectFail = false;
                    configuration.BacklogPolicy = BacklogPolicy.FailFast;
                    _connection = await ConnectionMultiplexer.ConnectAsync(configuration);
                    _ownsConnection = true;
                }
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection && _connection is { } connection)
        {
            await connection.DisposeAsync();
        }

        _connecting.Dispose();
    }

    private sealed class Held(IDatabase database, RedisKey key, RedisValue value) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await database.ScriptEvaluateAsync(ReleaseScript, [key], [value]);
    }
}
