using System.Collections.Frozen;
using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// The app clients whose tokens are accepted, following configuration changes without a restart: when the bound
/// configuration reloads, the options are built and validated again, and a valid change to
/// <c>AllowedClientIds</c>/<c>AllowAnyClientOfPool</c> takes effect at once; an invalid one is logged and ignored, so
/// a bad edit never turns requests into 500s. (Other settings are read once at start-up.)
/// </summary>
internal sealed class AllowedClients : IDisposable
{
    private readonly string _optionsName;
    private readonly IOptionsFactory<CognitoMcpAuthOptions> _factory;
    private readonly ILogger _logger;
    private readonly List<IDisposable> _subscriptions = [];
    private volatile Snapshot _current;

    public AllowedClients(
        string optionsName,
        CognitoMcpAuthOptions options,
        IOptionsFactory<CognitoMcpAuthOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<CognitoMcpAuthOptions>> sources,
        ILoggerFactory loggerFactory)
    {
        _optionsName = optionsName;
        _factory = factory;
        _logger = loggerFactory.CreateLogger(ServerLog.Category);
        _current = Snapshot.Of(options);
        foreach (var source in sources.Where(s => s.Name == optionsName))
        {
            _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
        }
    }

    public bool IsAllowed(string clientId)
    {
        var current = _current;
        return current.AnyClient || current.Ids.Contains(clientId);
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void Reload()
    {
        try
        {
            var next = Snapshot.Of(_factory.Create(_optionsName));
            var previous = _current;
            _current = next;
            if (next.AnyClient != previous.AnyClient || !next.Ids.SetEquals(previous.Ids))
            {
                ServerLog.AllowedClientsChanged(_logger, next.AnyClient ? "(any client of the pool)" : string.Join(", ", next.Ids.Order(StringComparer.Ordinal)));
            }
        }
        catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
        {
            // A validation failure, or a value the binder cannot convert: either way the last good list stays.
            ServerLog.ConfigurationChangeIgnored(_logger, exception.Message);
        }
    }

    private sealed record Snapshot(bool AnyClient, FrozenSet<string> Ids)
    {
        public static Snapshot Of(CognitoMcpAuthOptions options) =>
            new(options.AllowAnyClientOfPool, options.AllowedClientIds.ToFrozenSet(StringComparer.Ordinal));
    }
}
