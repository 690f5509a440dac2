using System.Collections.Concurrent;
using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>Creates one <see cref="CognitoTokenClient"/> per registered name and keeps it for the container's life.</summary>
internal sealed class CognitoTokenClientFactory(
    CognitoTokenClientRegistry registry,
    IOptionsMonitor<CognitoTokenClientOptions> optionsMonitor,
    HybridCache cache,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    TokenClientTelemetry telemetry,
    TokenRequestLockGate lockGate,
    ILoggerFactory loggerFactory) : ICognitoTokenClientFactory
{
    private readonly ConcurrentDictionary<string, CognitoTokenClient> _clients = new(StringComparer.Ordinal);

    public ICognitoTokenClient GetClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!registry.Contains(name))
        {
            throw new InvalidOperationException(name.Length == 0
                ? "No default Cognito token client is registered: call services.AddCognitoTokenClient(...) without a name."
                : $"No Cognito token client named '{name}' is registered: call services.AddCognitoTokenClient(\"{name}\", ...).");
        }

        return _clients.GetOrAdd(name, Create);
    }

    private CognitoTokenClient Create(string name)
    {
        var logger = loggerFactory.CreateLogger("Cognito.Mcp.Auth.Client.CognitoTokenClient");
        var resolver = new TokenEndpointResolver(new McpAuthorizationServerDiscovery(logger), httpClientFactory, timeProvider);
        var requester = new TokenEndpointRequester(httpClientFactory, telemetry, logger);
        return new CognitoTokenClient(name, optionsMonitor, cache, resolver, requester, timeProvider, telemetry, lockGate, logger);
    }
}
