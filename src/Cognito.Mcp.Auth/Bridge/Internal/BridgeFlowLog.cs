using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>The authorization flow's log messages (event ids 5050–5099); never a code, token or secret.</summary>
internal static partial class BridgeFlowLog
{
    /// <summary>The log category of the whole bridge, stable whatever the internal type names.</summary>
    public const string Category = "Cognito.Mcp.Auth.AuthorizationBridge";

    [LoggerMessage(5050, LogLevel.Information, "Client {ClientId} registered dynamically with redirect hosts {RedirectHosts}.")]
    public static partial void ClientRegistered(ILogger logger, string clientId, string redirectHosts);

    [LoggerMessage(5051, LogLevel.Information, "Authorize request refused with {Error}: {Reason}")]
    public static partial void AuthorizeRefused(ILogger logger, string error, string reason);

    [LoggerMessage(5052, LogLevel.Information, "Client {ClientId} sent a user to sign in (consent {ConsentState}).")]
    public static partial void SentUpstream(ILogger logger, string clientId, string consentState);

    [LoggerMessage(5053, LogLevel.Information, "The user denied client {ClientId}.")]
    public static partial void ConsentDenied(ILogger logger, string clientId);

    [LoggerMessage(5054, LogLevel.Warning, "Callback refused: {Reason}")]
    public static partial void CallbackRefused(ILogger logger, string reason);

    [LoggerMessage(5055, LogLevel.Information, "Issued an authorization code to client {ClientId}.")]
    public static partial void CodeIssued(ILogger logger, string clientId);

    [LoggerMessage(5056, LogLevel.Information, "Token request refused with {Error}: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string error, string reason);

    [LoggerMessage(5057, LogLevel.Warning, "A used {What} was presented again by client {ClientId}; the tokens descended from it are revoked.")]
    public static partial void ReplayDetected(ILogger logger, string what, string clientId);

    [LoggerMessage(5058, LogLevel.Information, "Issued tokens to client {ClientId} ({GrantType}).")]
    public static partial void TokensIssued(ILogger logger, string clientId, string grantType);

    [LoggerMessage(5059, LogLevel.Warning, "Cognito refused the bridge's request with HTTP {Status} and error {Error}.")]
    public static partial void UpstreamRefused(ILogger logger, int status, string error);

    [LoggerMessage(5060, LogLevel.Error, "Cognito's answer to the bridge was unusable (HTTP {Status}): {Reason}.")]
    public static partial void UpstreamAnswerInvalid(ILogger logger, int status, string reason);

    [LoggerMessage(5061, LogLevel.Warning, "Cognito could not be reached for {Operation} ({Failure}).")]
    public static partial void UpstreamUnavailable(ILogger logger, string operation, string failure);

    [LoggerMessage(5062, LogLevel.Warning, "Cognito refused to revoke a refresh token (HTTP {Status}).")]
    public static partial void UpstreamRevocationFailed(ILogger logger, int status);

    [LoggerMessage(5063, LogLevel.Warning, "A stored {Kind} entry could not be read ({Failure}); do all instances share one Data Protection key ring?")]
    public static partial void StoredEntryUnreadable(ILogger logger, string kind, string failure);

    // Debug: a flood of refusals must not become a flood of log lines.
    [LoggerMessage(5064, LogLevel.Debug, "A {Endpoint} request from {RemoteAddress} was refused by the rate limit.")]
    public static partial void RateLimited(ILogger logger, string endpoint, string remoteAddress);
}
