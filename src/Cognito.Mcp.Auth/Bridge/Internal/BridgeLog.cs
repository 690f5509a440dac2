using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Log events of the bridge's client registration and metadata documents (event ids 5000–5049; the authorization flow
/// uses 5050 and up). They name hosts, addresses and reasons; never a token, a secret or a full URL.
/// </summary>
internal static partial class BridgeLog
{
    [LoggerMessage(5000, LogLevel.Information, "Fetched the client metadata document from {Host}; it is cached for {CacheDuration}.")]
    public static partial void MetadataDocumentFetched(ILogger logger, string host, TimeSpan cacheDuration);

    [LoggerMessage(5001, LogLevel.Information, "The client metadata document from {Host} is refused: {Reason}")]
    public static partial void MetadataDocumentRefused(ILogger logger, string host, string reason);

    [LoggerMessage(5002, LogLevel.Warning, "The client metadata document host {Host} resolves to {Address}, a {AddressRange} address; nothing was fetched.")]
    public static partial void MetadataDocumentAddressRefused(ILogger logger, string host, string address, string addressRange);

    [LoggerMessage(5003, LogLevel.Debug, "The client metadata document from {Host} is served from the cache until {ExpiresAt:O}.")]
    public static partial void MetadataDocumentFromCache(ILogger logger, string host, DateTimeOffset expiresAt);

    [LoggerMessage(5004, LogLevel.Warning, "The primary handler of HttpClient '{HttpClientName}' is a {HandlerType}; it is replaced by a SocketsHttpHandler, the only handler that can check the addresses it connects to. Configure certificate trust on a SocketsHttpHandler (SslOptions) instead.")]
    public static partial void PrimaryHandlerReplaced(ILogger logger, string httpClientName, string handlerType);
}
