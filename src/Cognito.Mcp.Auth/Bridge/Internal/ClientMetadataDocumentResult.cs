using System.Diagnostics.CodeAnalysis;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>Either the <see cref="BridgeClient"/> a metadata document describes or the <see cref="BridgeError"/> (<c>invalid_client</c>) refusing it.</summary>
internal sealed record ClientMetadataDocumentResult
{
    private ClientMetadataDocumentResult(BridgeClient? client, BridgeError? error)
    {
        Client = client;
        Error = error;
    }

    public BridgeClient? Client { get; }

    public BridgeError? Error { get; }

    [MemberNotNullWhen(true, nameof(Client))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Client is not null;

    public static ClientMetadataDocumentResult Success(BridgeClient client) => new(client, null);

    public static ClientMetadataDocumentResult Failure(string description) => new(null, new BridgeError(BridgeErrors.InvalidClient, description));
}
