using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Diagnostics;

/// <summary>
/// Log events of the token client (event ids 4100–4199). They name clients, endpoints, scopes and OAuth error codes;
/// never a token or a secret.
/// </summary>
internal static partial class TokenClientLog
{
    [LoggerMessage(4100, LogLevel.Debug, "Token cache hit for client '{ClientName}' and scope '{Scope}'; the token expires at {ExpiresAt:O}.")]
    public static partial void CacheHit(ILogger logger, string clientName, string scope, DateTimeOffset expiresAt);

    [LoggerMessage(4101, LogLevel.Debug, "Token cache miss for client '{ClientName}' and scope '{Scope}' ({Reason}).")]
    public static partial void CacheMiss(ILogger logger, string clientName, string scope, string reason);

    [LoggerMessage(4102, LogLevel.Debug, "Requesting a token for client '{ClientName}' with scope '{Scope}' from {TokenEndpoint}.")]
    public static partial void Requesting(ILogger logger, string clientName, string scope, string tokenEndpoint);

    [LoggerMessage(4103, LogLevel.Information, "Cognito issued a token for client '{ClientName}' with scope '{Scope}' that expires at {ExpiresAt:O}.")]
    public static partial void Issued(ILogger logger, string clientName, string scope, DateTimeOffset expiresAt);

    [LoggerMessage(4104, LogLevel.Warning, "Cognito refused the token request of client '{ClientName}' with HTTP {StatusCode} and error '{Error}'.")]
    public static partial void Refused(ILogger logger, string clientName, int statusCode, string error);

    [LoggerMessage(4105, LogLevel.Warning, "Token request of client '{ClientName}' failed ({Outcome}); retry {AttemptNumber} in {RetryDelay}.")]
    public static partial void Retrying(ILogger logger, string clientName, string outcome, int attemptNumber, TimeSpan retryDelay);

    [LoggerMessage(4106, LogLevel.Error, "Token request of client '{ClientName}' to {TokenEndpoint} failed without a response.")]
    public static partial void Unreachable(ILogger logger, string clientName, string tokenEndpoint, Exception exception);

    [LoggerMessage(4107, LogLevel.Information, "Renewing the token of client '{ClientName}' for scope '{Scope}', bypassing the cache.")]
    public static partial void Renewing(ILogger logger, string clientName, string scope);

    [LoggerMessage(4108, LogLevel.Debug, "Another caller already renewed the token of client '{ClientName}' for scope '{Scope}'.")]
    public static partial void AlreadyRenewed(ILogger logger, string clientName, string scope);

    [LoggerMessage(4109, LogLevel.Information, "{RequestUri} refused the token of client '{ClientName}' (invalid_token); renewing it and retrying once.")]
    public static partial void TokenRejected(ILogger logger, string requestUri, string clientName);

    [LoggerMessage(4110, LogLevel.Warning, "{RequestUri} refused the token of client '{ClientName}' (invalid_token), but the request's content cannot be sent twice, so it is not retried.")]
    public static partial void CannotResend(ILogger logger, string requestUri, string clientName);

    [LoggerMessage(4111, LogLevel.Debug, "Discovery for client '{ClientName}': no usable metadata at {MetadataUrl} (HTTP {StatusCode}).")]
    public static partial void MetadataMissing(ILogger logger, string clientName, string metadataUrl, int statusCode);

    [LoggerMessage(4112, LogLevel.Information, "Discovered token endpoint {TokenEndpoint} for client '{ClientName}' from MCP server {McpServerUrl} through {MetadataUrl}.")]
    public static partial void Discovered(ILogger logger, string tokenEndpoint, string clientName, string mcpServerUrl, string metadataUrl);

    [LoggerMessage(4113, LogLevel.Warning, "Discovery for client '{ClientName}': the metadata at {MetadataUrl} is not used because {Reason}.")]
    public static partial void MetadataRefused(ILogger logger, string clientName, string metadataUrl, string reason);

    [LoggerMessage(4114, LogLevel.Warning, "{RequestUri} refused the token of client '{ClientName}' (invalid_token) after the request was redirected from {OriginalAuthority}; the token is not renewed for another server.")]
    public static partial void RedirectedNotRenewed(ILogger logger, string requestUri, string clientName, string originalAuthority);

    [LoggerMessage(4115, LogLevel.Warning, "A renewed token of client '{ClientName}' for scope '{Scope}' was refused too; no new token is requested for {Backoff}.")]
    public static partial void RenewedTokenRefused(ILogger logger, string clientName, string scope, TimeSpan backoff);

    [LoggerMessage(4116, LogLevel.Debug, "Not renewing the token of client '{ClientName}' for scope '{Scope}' until {Until:O}: the last renewal did not help.")]
    public static partial void RenewalBackingOff(ILogger logger, string clientName, string scope, DateTimeOffset until);

    [LoggerMessage(4117, LogLevel.Warning, "Cognito issued client '{ClientName}' a token without the requested scope '{Missing}' (granted: '{Granted}'); the token is not used.")]
    public static partial void ScopesNotGranted(ILogger logger, string clientName, string missing, string granted);

    [LoggerMessage(4118, LogLevel.Warning, "A token in the distributed cache was not used because {Reason} ({ExceptionType}); it is requested again. Instances that share the cache must share a Data Protection key ring. Logged once per process, then at Debug level.")]
    public static partial void SharedTokenUnreadable(ILogger logger, string reason, string exceptionType);

    [LoggerMessage(4119, LogLevel.Debug, "A token in the distributed cache was not used because {Reason}; it is requested again.")]
    public static partial void SharedTokenUnreadableAgain(ILogger logger, string reason);

    [LoggerMessage(4120, LogLevel.Warning, "The token request lock cannot be reached ({ExceptionType}); client '{ClientName}' and the others request tokens without it, each process on its own, until it is back (logged once, then at Debug level until it is back).")]
    public static partial void LockUnavailable(ILogger logger, string clientName, string exceptionType);

    [LoggerMessage(4121, LogLevel.Debug, "The token request lock is still unreachable ({ExceptionType}); client '{ClientName}' requests its token without it.")]
    public static partial void LockStillUnavailable(ILogger logger, string clientName, string exceptionType);

    [LoggerMessage(4122, LogLevel.Information, "The token request lock is reachable again; processes share token requests again.")]
    public static partial void LockAvailableAgain(ILogger logger);

    [LoggerMessage(4123, LogLevel.Debug, "Another process is requesting the token of client '{ClientName}' for scope '{Scope}'; waiting up to {Wait} for it in the distributed cache.")]
    public static partial void WaitingForOtherProcess(ILogger logger, string clientName, string scope, TimeSpan wait);

    [LoggerMessage(4124, LogLevel.Debug, "Client '{ClientName}' uses the token for scope '{Scope}' that another process requested.")]
    public static partial void TokenFromOtherProcess(ILogger logger, string clientName, string scope);

    [LoggerMessage(4125, LogLevel.Warning, "Client '{ClientName}' waited {Wait} in vain for another process's token for scope '{Scope}'; it requests its own.")]
    public static partial void LockWaitTimedOut(ILogger logger, string clientName, string scope, TimeSpan wait);

    [LoggerMessage(4126, LogLevel.Warning, "A token in the distributed cache under key '{CacheKey}' was stored for another key and is not used.")]
    public static partial void SharedTokenForOtherKey(ILogger logger, string cacheKey);
}
