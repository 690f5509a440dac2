using Cognito.Mcp.Auth.Server.Internal;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Adjusts the served user pool's options for the bridge: its app client's tokens are accepted (they are what
/// interactive clients hold), and the protected resource metadata names the bridge first in
/// <c>authorization_servers</c> (interactive clients take the first), then Cognito's issuer, which machine clients
/// that know their pool (<c>UserPoolId</c>/<c>ExpectedIssuer</c>) pick for client credentials.
/// </summary>
internal sealed class BridgeCognitoOptionsSetup(IEnumerable<IConfigureOptions<CognitoAuthorizationBridgeOptions>> bridgeSetups, CognitoSchemeRegistry registry)
    : IPostConfigureOptions<CognitoMcpAuthOptions>
{
    public void PostConfigure(string? name, CognitoMcpAuthOptions options)
    {
        // The bridge's settings as bound, not validated: its validator reads these options, and must not wait on itself.
        var bridge = new CognitoAuthorizationBridgeOptions();
        foreach (var setup in bridgeSetups)
        {
            setup.Configure(bridge);
        }

        if (registry.Find(bridge.AuthenticationScheme) is not { } registration
            || registration.OptionsName != (name ?? Options.DefaultName))
        {
            return;
        }

        if (bridge.ClientId is { Length: > 0 } clientId && !options.AllowedClientIds.Contains(clientId))
        {
            options.AllowedClientIds.Add(clientId);
        }

        var issuer = BridgeIssuer.Resolve(bridge.Issuer, options.Resource);
        var previous = options.ConfigureMetadata;
        options.ConfigureMetadata = document =>
        {
            if (issuer is not null)
            {
                document.AuthorizationServers = [issuer, .. document.AuthorizationServers.Where(s => s != issuer)];
            }

            previous?.Invoke(document); // the application's own ConfigureMetadata has the last word, ordering included
        };
    }
}
