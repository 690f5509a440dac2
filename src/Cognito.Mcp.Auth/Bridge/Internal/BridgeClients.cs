namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Finds the client behind a <c>client_id</c>: a client ID metadata document when the id is such a URL (the order the
/// MCP authorization profile prefers), else a dynamic registration in the store.
/// </summary>
internal sealed class BridgeClients(BridgeSettings settings, BridgeStore store, ClientMetadataDocumentFetcher documents)
{
    public async Task<(BridgeClient? Client, string? Problem)> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        if (ClientMetadataDocumentFetcher.IsMetadataDocumentUrl(clientId))
        {
            if (!settings.Options.ClientIdMetadataDocuments)
            {
                return (null, "This server does not accept client ID metadata documents.");
            }

            var result = await documents.GetAsync(clientId, cancellationToken);
            return result.Client is { } client ? (client, null) : (null, result.Error?.Description ?? "The client's metadata document could not be used.");
        }

        if (!settings.Options.DynamicClientRegistration || clientId.Length is 0 or > 200)
        {
            return (null, "The client is not registered here.");
        }

        var registered = await store.GetAsync(BridgeStoreKinds.Client, clientId, BridgeJsonContext.Default.BridgeClient, cancellationToken);
        return registered is null ? (null, "The client is not registered here, or its registration expired; the application should register again.") : (registered, null);
    }

    public Task RegisterAsync(BridgeClient client, CancellationToken cancellationToken) =>
        store.SetAsync(BridgeStoreKinds.Client, client.ClientId, client, BridgeJsonContext.Default.BridgeClient, settings.Options.RegistrationLifetime, cancellationToken, sliding: true);
}
