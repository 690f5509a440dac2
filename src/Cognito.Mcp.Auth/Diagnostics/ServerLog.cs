using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Diagnostics;

/// <summary>Log events of the resource-server side (event ids 1000–1099). Never a token, never a secret.</summary>
internal static partial class ServerLog
{
    /// <summary>The log category of every server-side event: a public name, stable across internal refactoring.</summary>
    public const string Category = "Cognito.Mcp.Auth.Server";

    [LoggerMessage(EventId = 1000, EventName = "TokenMissing", Level = LogLevel.Debug,
        Message = "Request to {Path} has no bearer token; challenging.")]
    public static partial void TokenMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 1001, EventName = "TokenRefused", Level = LogLevel.Information,
        Message = "Access token refused for {Path}: {Reason} ({Failure}).")]
    public static partial void TokenRefused(ILogger logger, string path, string reason, string failure);

    [LoggerMessage(EventId = 1002, EventName = "ClientNotAllowed", Level = LogLevel.Warning,
        Message = "Access token of app client {ClientId} refused: the client is not in Cognito:AllowedClientIds.")]
    public static partial void ClientNotAllowed(ILogger logger, string clientId);

    [LoggerMessage(EventId = 1003, EventName = "NotAnAccessToken", Level = LogLevel.Warning,
        Message = "Token refused: its token_use is {TokenUse}, not access. ID tokens must never be sent to an API.")]
    public static partial void NotAnAccessToken(ILogger logger, string tokenUse);

    [LoggerMessage(EventId = 1004, EventName = "SigningKeysUnavailable", Level = LogLevel.Error,
        Message = "The signing keys of {Issuer} could not be retrieved from {MetadataAddress}; tokens are refused with 401 until they can be.")]
    public static partial void SigningKeysUnavailable(ILogger logger, string issuer, string metadataAddress, Exception exception);

    [LoggerMessage(EventId = 1005, EventName = "InsufficientScope", Level = LogLevel.Information,
        Message = "App client {ClientId} lacks the scope {RequiredScopes} needed for {Path}; answering 403.")]
    public static partial void InsufficientScope(ILogger logger, string clientId, string requiredScopes, string path);

    [LoggerMessage(EventId = 1006, EventName = "ToolScopeMissing", Level = LogLevel.Information,
        Message = "App client {ClientId} may not call tool {Tool}: it needs {RequiredScopes}; answering 403.")]
    public static partial void ToolScopeMissing(ILogger logger, string clientId, string tool, string requiredScopes);

    [LoggerMessage(EventId = 1008, EventName = "ClientIdMissing", Level = LogLevel.Warning,
        Message = "Access token refused: it has no client_id claim, which every Cognito access token carries.")]
    public static partial void ClientIdMissing(ILogger logger);

    [LoggerMessage(EventId = 1007, EventName = "TokenAccepted", Level = LogLevel.Debug,
        Message = "Access token of app client {ClientId} accepted with scopes {Scopes}.")]
    public static partial void TokenAccepted(ILogger logger, string clientId, string scopes);

    [LoggerMessage(EventId = 1009, EventName = "AllowedClientsChanged", Level = LogLevel.Information,
        Message = "The configuration changed: tokens of these app clients are accepted now: {ClientIds}.")]
    public static partial void AllowedClientsChanged(ILogger logger, string clientIds);

    [LoggerMessage(EventId = 1010, EventName = "ConfigurationChangeIgnored", Level = LogLevel.Error,
        Message = "A configuration change was ignored because it is invalid; the previous allowed clients stay in force. {Problems}")]
    public static partial void ConfigurationChangeIgnored(ILogger logger, string problems);

    [LoggerMessage(EventId = 1011, EventName = "McpEndpointUnprotected", Level = LogLevel.Warning,
        Message = "The MCP endpoint {Endpoint} has no authorization: anyone can call it. Write app.MapMcp(...).RequireCognitoMcpAuth() to protect it with Cognito tokens.")]
    public static partial void McpEndpointUnprotected(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1012, EventName = "SdkSchemeAlsoRegistered", Level = LogLevel.Warning,
        Message = "The MCP SDK's own authentication scheme '{Scheme}' (AddMcp()) is registered too; it also serves the protected resource metadata, so clients may read its document instead of Cognito's. Remove AddMcp(): AddCognitoMcpAuth() serves the metadata.")]
    public static partial void SdkSchemeAlsoRegistered(ILogger logger, string scheme);

    [LoggerMessage(EventId = 1013, EventName = "RefusedByApplication", Level = LogLevel.Information,
        Message = "Access token of app client {ClientId} refused by the application's OnTokenValidated: {Reason}")]
    public static partial void RefusedByApplication(ILogger logger, string clientId, string reason);
}
