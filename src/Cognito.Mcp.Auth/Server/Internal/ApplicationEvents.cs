using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>The application's <see cref="CognitoMcpAuthEvents"/>: <c>EventsType</c> created once from the services, else <c>Events</c>.</summary>
internal sealed class ApplicationEvents(IOptions<CognitoMcpAuthOptions> options, IServiceProvider services)
{
    private readonly Lazy<CognitoMcpAuthEvents> _events = new(() => options.Value.EventsType is { } type
        ? (CognitoMcpAuthEvents)ActivatorUtilities.GetServiceOrCreateInstance(services, type)
        : options.Value.Events);

    public CognitoMcpAuthEvents Events => _events.Value;
}
