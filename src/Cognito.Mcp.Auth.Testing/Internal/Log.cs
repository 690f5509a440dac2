using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>LocalCognito's log messages. Never a token, code, password or secret.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "LocalCognito listening on {BaseAddress}.")]
    public static partial void Started(ILogger logger, string baseAddress);

    [LoggerMessage(2, LogLevel.Information, "Created user pool {UserPoolId}.")]
    public static partial void PoolCreated(ILogger logger, string userPoolId);

    [LoggerMessage(3, LogLevel.Debug, "Issued tokens to client {ClientId} with grant {GrantType}.")]
    public static partial void TokenIssued(ILogger logger, string clientId, string grantType);

    [LoggerMessage(4, LogLevel.Information, "Refused a token request with {Error}: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string error, string reason);

    [LoggerMessage(5, LogLevel.Information, "Injected fault: token request answered {StatusCode}.")]
    public static partial void TokenFaultInjected(ILogger logger, int statusCode);

    [LoggerMessage(6, LogLevel.Information, "Management operation {Operation} refused with {ErrorType}: {Message}")]
    public static partial void ManagementRefused(ILogger logger, string operation, string errorType, string message);

    [LoggerMessage(7, LogLevel.Debug, "Management operation {Operation} succeeded.")]
    public static partial void ManagementSucceeded(ILogger logger, string operation);

    [LoggerMessage(8, LogLevel.Information, "Refused an authorization request with {Error}: {Reason}")]
    public static partial void AuthorizeRefused(ILogger logger, string error, string reason);

    [LoggerMessage(9, LogLevel.Information, "User {Username} signed in to client {ClientId}.")]
    public static partial void SignedIn(ILogger logger, string username, string clientId);

    [LoggerMessage(10, LogLevel.Error, "Unexpected failure handling {Path}.")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string path);

    [LoggerMessage(11, LogLevel.Information, "LocalCognito serving user pool domains on {DomainBaseAddress}.")]
    public static partial void DomainOriginStarted(ILogger logger, string domainBaseAddress);
}
