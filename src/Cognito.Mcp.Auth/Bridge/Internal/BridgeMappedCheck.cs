using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Stops start-up when the bridge is registered but its endpoints are not mapped: the protected resource metadata would
/// send every interactive client to an authorization server that answers 404.
/// </summary>
internal sealed class BridgeMappedCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var endpoints = app.ApplicationServices.GetService<EndpointDataSource>()?.Endpoints ?? [];
        if (!endpoints.Any(e => e.Metadata.GetMetadata<BridgeEndpointMarker>() is not null))
        {
            throw new InvalidOperationException(
                "AddCognitoAuthorizationBridge() was called but the bridge's endpoints are not mapped: add app.MapCognitoAuthorizationBridge() next to app.MapMcp(...).");
        }
    };
}

/// <summary>Marks the endpoints <c>MapCognitoAuthorizationBridge()</c> maps.</summary>
internal sealed class BridgeEndpointMarker;
