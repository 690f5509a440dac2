using System.Diagnostics;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Cognito.Mcp.Auth.Tests.Client;

/// <summary>
/// The token cache shared through a real redis-server (HybridCache's second level, <c>AddStackExchangeRedisCache</c>)
/// with the Redis token request lock. Each host is a service provider of its own, as a process would be.
/// </summary>
public sealed class CognitoTokenClientRedisTests
{
    private const string Category = "Cognito.Mcp.Auth.Client.CognitoTokenClient";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Four_instances_starting_cold_at_once_make_one_token_request_and_a_later_one_starts_warm()
    {
        await using var redis = await RedisServer.StartAsync(Ct);
        await using var cognito = await TestCognito.StartAsync(Ct);
        var keys = KeyRing();
        var hosts = Enumerable.Range(0, 4).Select(_ => CreateHost(cognito, redis, keys)).ToList();
        try
        {
            var tokens = await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Client.GetTokenAsync(cancellationToken: Ct), Ct)));
            await using var later = CreateHost(cognito, redis, keys);
            var warm = await later.Client.GetTokenAsync(cancellationToken: Ct);

            Assert.Equal(1, cognito.Requests.Token);
            Assert.Single(tokens.Select(t => t.Value).Append(warm.Value).Distinct());
            Assert.Empty(await LockKeysAsync(redis)); // released, not left to expire
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Redis_holds_only_encrypted_tokens()
    {
        await using var redis = await RedisServer.StartAsync(Ct);
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var host = CreateHost(cognito, redis, KeyRing());

        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);
        var scoped = await host.Client.GetTokenAsync([LocalCognitoDevelopmentPool.ReadScope, LocalCognitoDevelopmentPool.WriteScope], Ct);

        var values = await AllValuesAsync(redis);
        Assert.Equal(2, values.Count(v => v.Key.StartsWith("Cognito.Mcp.Auth:token:", StringComparison.Ordinal)));
        foreach (var (key, fields) in values)
        {
            foreach (var field in fields)
            {
                Assert.DoesNotContain("eyJ", field, StringComparison.Ordinal);
                Assert.DoesNotContain(token.Value.Split('.')[1], field, StringComparison.Ordinal);
                Assert.DoesNotContain(scoped.Value.Split('.')[2], field, StringComparison.Ordinal);
                Assert.DoesNotContain(LocalCognitoDevelopmentPool.M2MClientSecret, key + field, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task An_instance_with_another_key_ring_requests_its_own_token_and_warns_once()
    {
        await using var redis = await RedisServer.StartAsync(Ct);
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var first = CreateHost(cognito, redis, KeyRing());
        await using var other = CreateHost(cognito, redis, KeyRing());
        string[] both = [LocalCognitoDevelopmentPool.ReadScope, LocalCognitoDevelopmentPool.WriteScope];

        var fromFirst = await first.Client.GetTokenAsync(cancellationToken: Ct);
        var fromOther = await other.Client.GetTokenAsync(cancellationToken: Ct);
        await first.Client.GetTokenAsync(both, Ct);
        var bothFromOther = await other.Client.GetTokenAsync(both, Ct);

        Assert.NotEqual(fromFirst.Value, fromOther.Value);
        Assert.NotNull(bothFromOther.Value);
        Assert.Equal(4, cognito.Requests.Token);
        // Each look at the shared entry finds it unreadable; only the first says so at Warning level.
        var unreadable = other.Logs.GetSnapshot().Where(r => r.Category == Category && r.Id.Id is 4118 or 4119).ToList();
        Assert.Equal(4118, unreadable[0].Id.Id);
        Assert.Equal(LogLevel.Warning, unreadable[0].Level);
        Assert.True(unreadable.Count > 2);
        Assert.All(unreadable.Skip(1), r => Assert.Equal((4119, LogLevel.Debug), (r.Id.Id, r.Level)));
        Assert.Single(other.Logs.GetSnapshot(), r => r.Category == Category && r.Level >= LogLevel.Warning);
        Assert.DoesNotContain(first.Logs.GetSnapshot(), r => r.Id.Id is 4118 or 4119);
    }

    [Fact]
    public async Task An_entry_copied_to_another_key_in_Redis_is_not_used()
    {
        await using var redis = await RedisServer.StartAsync(Ct);
        await using var cognito = await TestCognito.StartAsync(Ct);
        var keys = KeyRing();
        await using var writer = CreateHost(cognito, redis, keys);
        var readToken = await writer.Client.GetTokenAsync(cancellationToken: Ct);
        var source = Assert.Single((await AllValuesAsync(redis)).Keys);

        // An attacker with write access to Redis moves the read-only token under the key of the read+write scopes.
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            var database = connection.GetDatabase();
            var target = source.Replace(LocalCognitoDevelopmentPool.ReadScope, $"{LocalCognitoDevelopmentPool.ReadScope} {LocalCognitoDevelopmentPool.WriteScope}", StringComparison.Ordinal);
            Assert.NotEqual(source, target);
            await database.HashSetAsync(target, await database.HashGetAllAsync(source));
        }

        await using var reader = CreateHost(cognito, redis, keys);
        var both = await reader.Client.GetTokenAsync([LocalCognitoDevelopmentPool.WriteScope, LocalCognitoDevelopmentPool.ReadScope], Ct);

        Assert.NotEqual(readToken.Value, both.Value);
        Assert.Equal($"{LocalCognitoDevelopmentPool.ReadScope} {LocalCognitoDevelopmentPool.WriteScope}", both.Scope);
        Assert.Equal(2, cognito.Requests.Token);
    }

    [Fact]
    public async Task Redis_going_away_mid_run_never_fails_a_call_warns_once_and_sharing_resumes_when_it_is_back()
    {
        var time = new TokenClientFakeTimeProvider();
        await using var redis = await RedisServer.StartAsync(Ct);
        await using var cognito = await TestCognito.StartAsync(new LocalCognitoOptions { TimeProvider = time }, Ct);
        await using var host = CreateHost(cognito, redis, KeyRing(), time);
        var first = await host.Client.GetTokenAsync(cancellationToken: Ct);

        await redis.KillAsync();
        var duringOutage = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromHours(1));
            duringOutage.Add((await host.Client.GetTokenAsync(cancellationToken: Ct)).Value);
            duringOutage.Add((await host.Client.GetTokenAsync(cancellationToken: Ct)).Value); // from memory
        }

        Assert.Equal(4, cognito.Requests.Token);
        Assert.Equal(3, duringOutage.Distinct().Count());
        Assert.DoesNotContain(first.Value, duringOutage);
        var warnings = host.Logs.GetSnapshot().Where(r => r.Category == Category && r.Level >= LogLevel.Warning).ToList();
        var warning = Assert.Single(warnings);
        Assert.Equal(4120, warning.Id.Id);
        Assert.Equal(2, host.Logs.GetSnapshot().Count(r => r.Id.Id == 4121));

        // Back on the same port: the connections reconnect by themselves, and refreshed tokens reach Redis again.
        await redis.StartAgainAsync(Ct);
        var deadline = Stopwatch.StartNew();
        while (!host.Logs.GetSnapshot().Any(r => r.Id.Id == 4122) || (await AllValuesAsync(redis)).Count == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "The token client did not use Redis again within 60 s of its restart.");
            time.Advance(TimeSpan.FromHours(1));
            await host.Client.GetTokenAsync(cancellationToken: Ct);
            await Task.Delay(TimeSpan.FromMilliseconds(100), Ct); // poll interval of a bounded loop, not a synchronisation
        }

        await using var other = CreateHost(cognito, redis, KeyRingOf(host), time);
        var requests = cognito.Requests.Token;
        var shared = await other.Client.GetTokenAsync(cancellationToken: Ct);
        Assert.Equal(requests, cognito.Requests.Token);
        Assert.Equal((await host.Client.GetTokenAsync(cancellationToken: Ct)).Value, shared.Value);
    }

    [Fact]
    public async Task Without_a_distributed_cache_no_token_is_encrypted_and_no_key_ring_is_made()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var protection = new CountingDataProtectionProvider();
        await using var host = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(cognito), configure: (services, configuration) =>
        {
            services.AddSingleton<IDataProtectionProvider>(protection);
            services.AddCognitoTokenClient(configuration.GetSection("Cognito"));
        });

        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);
        var again = await host.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(token.Value, again.Value);
        Assert.Equal(0, protection.Protected);
    }

    /// <summary>A key ring directory, as instances of one deployment share it (on a volume, never in this Redis).</summary>
    private static DirectoryInfo KeyRing() => Directory.CreateTempSubdirectory("keys-");

    private static DirectoryInfo KeyRingOf(TokenClientTestHost host) => new(host.Configuration["Test:KeyRing"]!);

    private static TokenClientTestHost CreateHost(LocalCognito cognito, RedisServer redis, DirectoryInfo keyRing, TimeProvider? time = null)
    {
        var settings = TokenClientTestHost.DefaultSettings(cognito);
        settings["Test:KeyRing"] = keyRing.FullName;
        return TokenClientTestHost.Create(settings, time, configure: (services, configuration) =>
        {
            services.AddStackExchangeRedisCache(o => o.ConfigurationOptions = FailFast(redis));
            services.AddDataProtection().PersistKeysToFileSystem(keyRing).SetApplicationName("Cognito.Mcp.Auth.Tests");
            services.AddCognitoTokenClient(configuration.GetSection("Cognito"));
            services.AddCognitoTokenRedisLock();
        });
    }

    /// <summary>As docs/configuration.md advises: fail fast while Redis is away, reconnect by itself.</summary>
    private static ConfigurationOptions FailFast(RedisServer redis)
    {
        var options = ConfigurationOptions.Parse(redis.Configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }

    private static async Task<Dictionary<string, List<string>>> AllValuesAsync(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var key in connection.GetServer(redis.Configuration).KeysAsync(pattern: "*"))
        {
            var type = await database.KeyTypeAsync(key);
            values[key.ToString()] = type == RedisType.Hash
                ? (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}").ToList()
                : [(await database.StringGetAsync(key)).ToString()];
        }

        return values;
    }

    private sealed class CountingDataProtectionProvider : IDataProtectionProvider, IDataProtector
    {
        private readonly IDataProtector _inner = new EphemeralDataProtectionProvider().CreateProtector("test");
        private int _protected;

        public int Protected => Volatile.Read(ref _protected);

        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext)
        {
            Interlocked.Increment(ref _protected);
            return _inner.Protect(plaintext);
        }

        public byte[] Unprotect(byte[] protectedData) => _inner.Unprotect(protectedData);
    }

    private static async Task<List<string>> LockKeysAsync(RedisServer redis) =>
        (await AllValuesAsync(redis)).Keys.Where(k => k.EndsWith(":lock", StringComparison.Ordinal)).ToList();
}
