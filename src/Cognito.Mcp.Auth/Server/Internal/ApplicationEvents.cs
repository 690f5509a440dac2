using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>The application's <see cref="CognitoMcpAuthEvents"/>: <c>EventsType</c> created once from the services, else <c>Events</c>.</summary>
internal sealed class ApplicationEvents(CognitoMcpAuthOptions options, IServiceProvider services)
{
    private readonly Lazy<CognitoMcpAuthEvents> _events = new(() => options.EventsType is { } type
        ? (CognitoMcpAuthEvents)ActivatorUtilities.GetServiceOrCreateInstance(services, type)
        : options.Events);

    public CognitoMcpAuthEvents Events => _events.Value;
}
