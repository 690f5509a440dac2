using System.Diagnostics;
using System.Globalization;
using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Cognito.Mcp.Auth.Soak;

/// <summary>
/// One MCP client of the soak, as a separate M2M service would be: its own app client, its own service provider with
/// its own <c>CognitoTokenClient</c> and cache, the C# SDK's <see cref="McpClient"/> over Streamable HTTP through
/// <c>AddCognitoAccessTokenHandler()</c>. It calls <c>add</c> back to back until its deadline.
/// </summary>
internal sealed class SoakClient : IAsyncDisposable
{
    private const int MaxFailureSamples = 5;

    private readonly ServiceProvider _services;
    private readonly Uri _endpoint;
    private readonly int _index;
    private readonly List<string> _failureSamples = [];
    private McpClient? _client;

    public SoakClient(int index, LocalAppClient appClient, LocalUserPool pool, Uri endpoint, SoakSettings settings, KeyLedger ledger)
    {
        _index = index;
        _endpoint = endpoint;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCognitoTokenClient(options =>
        {
            options.TokenEndpoint = pool.TokenEndpoint;
            options.ClientId = appClient.ClientId;
            options.ClientSecret = appClient.ClientSecret;
            options.Scopes.Add(LocalCognitoDevelopmentPool.ReadScope);
            options.RefreshBeforeExpiry = settings.RefreshBeforeExpiry;
        });
        services.AddHttpClient("mcp", http => http.Timeout = TimeSpan.FromSeconds(30))
            .AddCognitoAccessTokenHandler()
            .AddHttpMessageHandler(() => new KeyUseRecorder(ledger));
        _services = services.BuildServiceProvider();
    }

    public long Calls { get; private set; }

    public long Failures { get; private set; }

    public IReadOnlyList<string> FailureSamples => _failureSamples;

    /// <summary>Connects (the client's first token request) and makes one call; false, with a sample, if either fails.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            var http = _services.GetRequiredService<IHttpClientFactory>().CreateClient("mcp");
            var transport = new HttpClientTransport(
                new HttpClientTransportOptions { Endpoint = _endpoint, TransportMode = HttpTransportMode.StreamableHttp }, http, ownsHttpClient: true);
            _client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Fail($"connect: {exception.GetType().Name}: {exception.Message}");
            return false;
        }

        return await CallOnceAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the token the client got while connecting with a new one and returns when it arrived (a
    /// <see cref="Stopwatch"/> timestamp): the start of the client's measured run, which then holds exactly one token
    /// request per refresh period whatever the warm-up cost. <c>RenewTokenAsync</c> is the token client's way to get a
    /// new token before the cached one is due.
    /// </summary>
    public async Task<long> StartTokenPeriodAsync(CancellationToken cancellationToken)
    {
        var tokens = _services.GetRequiredService<ICognitoTokenClient>();
        var warmUpToken = await tokens.GetTokenAsync(cancellationToken: cancellationToken);
        await tokens.RenewTokenAsync(rejectedToken: warmUpToken, cancellationToken: cancellationToken);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>Calls until <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp) or cancellation.</summary>
    public async Task RunUntilAsync(long deadline, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            await CallOnceAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    private async Task<bool> CallOnceAsync(CancellationToken cancellationToken)
    {
        var expected = (_index + 0.5).ToString("R", CultureInfo.InvariantCulture);
        try
        {
            var result = await _client!.CallToolAsync(
                "add", new Dictionary<string, object?> { ["a"] = _index, ["b"] = 0.5 }, cancellationToken: cancellationToken);
            if (result.IsError != true && result.Content is [TextContentBlock { Text: var text }] && text == expected)
            {
                Calls++;
                return true;
            }

            Fail($"tool answer: isError={result.IsError}, content={string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text))}, expected {expected}");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Fail($"call: {exception.GetType().Name}: {exception.Message}");
        }

        return false;
    }

    private void Fail(string sample)
    {
        Failures++;
        if (_failureSamples.Count < MaxFailureSamples)
        {
            _failureSamples.Add($"client {_index}: {sample}");
        }
    }
}
