using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Cognito.Mcp.Auth.LoadTest;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Soak;

/// <summary>
/// The soak of issue #13, on 127.0.0.1 in this process: LocalCognito's development pool with one app client per MCP
/// client whose access tokens live <see cref="SoakSettings.TokenLifetime"/>, the protected calculator server of the
/// load run (<c>AddCognitoMcpAuth()</c>) allowing those app clients, and the clients calling tools back to back.
/// <list type="number">
/// <item>Every client connects (its first token request; the server's first JWKS download) and makes one call, then
/// waits; once all have, the counters and the memory are read ("start") and the clients are let go.</item>
/// <item>Each client then gets a new token (the warm-up's may be half spent, on a slow machine more than spent) and
/// calls until that moment plus <see cref="SoakSettings.Duration"/>: its token requests fall at fixed points of its
/// own timeline, one per refresh period, so the count expected depends on the lifetimes only.</item>
/// <item>At half the run the pool rotates its keys (tokens issued from then on are signed with the new key; the old
/// one stays in the JWKS). One token lifetime later, when the last token signed with the old key has expired (its
/// <c>exp</c> is at most the rotation plus a lifetime), the old key leaves the JWKS. The server must fetch the new key
/// once, on the first token that names it, and the removal must fail nothing.</item>
/// <item>After the last call, the counters and the memory are read again ("end"), the clients still connected.</item>
/// </list>
/// The schedule of the rotation and the removal is the only waiting on the clock, as the run's own duration is: the
/// removal's condition, the old tokens' expiry, is itself a time.
/// </summary>
public static class SoakRun
{
    public static async Task<SoakResult> RunAsync(SoakSettings settings, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        settings.Validate();
        void Say(string message) => progress?.Invoke(message);

        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: cancellationToken);
        var pool = cognito.DevelopmentPool!;
        var appClients = Enumerable.Range(0, settings.Clients).Select(i => pool.AddClient(new LocalAppClientSettings
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"soak-{i:00}"),
            GenerateSecret = true,
            AllowedOAuthFlows = [LocalOAuthFlows.ClientCredentials],
            AllowedOAuthScopes = [LocalCognitoDevelopmentPool.ReadScope],
            EmulatorOnlyAccessTokenValidity = settings.TokenLifetime,
        })).ToList();
        var allowed = appClients.Select((c, i) => KeyValuePair.Create($"Cognito:AllowedClientIds:{i}", (string?)c.ClientId)).ToDictionary();
        var server = await CalculatorHost.StartAsync(ServerVariant.Protected, pool, allowed);
        try
        {
            using var refusals = new ServerRefusals(server.Services.GetRequiredService<IMeterFactory>());
            var ledger = new KeyLedger(pool.AccessTokenSigningKey.KeyId!);
            var endpoint = new Uri(server.Urls.First() + "/mcp");
            var clients = appClients.Select((c, i) => new SoakClient(i, c, pool, endpoint, settings, ledger)).ToList();
            try
            {
                return await RunClientsAsync(settings, cognito, pool, clients, ledger, refusals, Say, cancellationToken);
            }
            finally
            {
                foreach (var client in clients)
                {
                    await client.DisposeAsync();
                }
            }
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
            await server.DisposeAsync();
        }
    }

    private static async Task<SoakResult> RunClientsAsync(
        SoakSettings settings, LocalCognito cognito, LocalUserPool pool, List<SoakClient> clients, KeyLedger ledger,
        ServerRefusals refusals, Action<string> say, CancellationToken cancellationToken)
    {
        var beforeConnect = CognitoCounts.Read(cognito.Requests);
        var start = Stopwatch.GetTimestamp();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = new TaskCompletionSource[clients.Count];
        var runs = clients.Select((client, i) =>
        {
            ready[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Task.Run(
                async () =>
                {
                    var connected = await client.ConnectAsync(cancellationToken);
                    ready[i].TrySetResult();
                    await release.Task.WaitAsync(cancellationToken);
                    if (connected)
                    {
                        var started = await client.StartTokenPeriodAsync(cancellationToken);
                        await client.RunUntilAsync(started + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency), cancellationToken);
                    }
                },
                cancellationToken);
        }).ToList();

        await Task.WhenAll(ready.Select(r => r.Task)).WaitAsync(cancellationToken);
        var warmUp = Stopwatch.GetElapsedTime(start);
        var afterWarmUp = CognitoCounts.Read(cognito.Requests);
        var memoryAtStart = MemorySnapshot.Take();
        say($"{clients.Count} clients connected and made a call in {warmUp.TotalSeconds:0.0} s; managed heap {memoryAtStart.ManagedHeapBytes / 1024.0 / 1024.0:0.0} MiB, working set {memoryAtStart.WorkingSetBytes / 1024.0 / 1024.0:0.0} MiB");
        release.TrySetResult();

        // Every client's run ends at least a Duration after this, so the removal (half a run plus a lifetime) falls within it.
        await DelayUntilAsync(start, warmUp + settings.Duration / 2, cancellationToken);
        pool.RotateSigningKeys(keepPreviousKeysInJwks: true);
        ledger.Rotated();
        var rotatedAt = Stopwatch.GetElapsedTime(start);
        say($"{rotatedAt.TotalSeconds:0.0} s: rotated the signing keys (new key {pool.AccessTokenSigningKey.KeyId}; the old one stays in the JWKS)");

        // Every token signed with the old key was issued before the rotation, so it has expired one lifetime later.
        await DelayUntilAsync(start, rotatedAt + settings.TokenLifetime, cancellationToken);
        pool.RemoveRetiredSigningKeys();
        ledger.Removed();
        var removedAt = Stopwatch.GetElapsedTime(start);
        say($"{removedAt.TotalSeconds:0.0} s: removed the old keys from the JWKS");

        await Task.WhenAll(runs).WaitAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var end = CognitoCounts.Read(cognito.Requests);
        var memoryAtEnd = MemorySnapshot.Take();
        say($"{elapsed.TotalSeconds:0.0} s: done; managed heap {memoryAtEnd.ManagedHeapBytes / 1024.0 / 1024.0:0.0} MiB, working set {memoryAtEnd.WorkingSetBytes / 1024.0 / 1024.0:0.0} MiB");

        var whole = end - beforeConnect;
        var measured = end - afterWarmUp;
        return new SoakResult
        {
            Settings = settings,
            Calls = clients.Sum(c => c.Calls),
            FailedCalls = clients.Sum(c => c.Failures),
            FailureSamples = [.. clients.SelectMany(c => c.FailureSamples)],
            CallsPerClient = [.. clients.Select(c => c.Calls)],
            TokenRequests = measured.Token,
            TokenRequestsInWarmUp = (afterWarmUp - beforeConnect).Token,
            JwksDownloads = whole.Jwks,
            JwksDownloadsAfterWarmUp = measured.Jwks,
            DiscoveryDownloads = whole.Discovery,
            ServerRefusals = refusals.ByReason,
            HttpRequests = ledger.Requests,
            UnauthorizedAnswers = ledger.Unauthorized,
            OldKeyRequestsAfterRemoval = ledger.OldKeyRequestsAfterRemoval,
            LastOldKeyUseAfterRotation = ledger.LastOldKeyUseAfterRotation,
            RotatedAt = rotatedAt,
            OldKeyRemovedAt = removedAt,
            WarmUp = warmUp,
            Elapsed = elapsed,
            MemoryAtStart = memoryAtStart,
            MemoryAtEnd = memoryAtEnd,
        };
    }

    private static async Task DelayUntilAsync(long start, TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = at - Stopwatch.GetElapsedTime(start);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }
}
