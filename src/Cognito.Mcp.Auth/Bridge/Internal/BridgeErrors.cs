namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>The error codes of <see cref="BridgeError"/>.</summary>
internal static class BridgeErrors
{
    /// <summary>RFC 7591 §3.2.2: a redirect URI is not allowed.</summary>
    public const string InvalidRedirectUri = "invalid_redirect_uri";

    /// <summary>RFC 7591 §3.2.2: a client metadata member is invalid.</summary>
    public const string InvalidClientMetadata = "invalid_client_metadata";

    /// <summary>RFC 6749 §5.2: the client is unknown or its metadata document cannot be used.</summary>
    public const string InvalidClient = "invalid_client";
}
