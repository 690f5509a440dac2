using System.Net;

namespace Cognito.Mcp.Auth.Client;

/// <summary>
/// Cognito refused a token request, or could not be reached. The message says what to check; it never contains the
/// client secret or a token.
/// </summary>
public sealed class CognitoTokenException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CognitoTokenException"/> class.</summary>
    public CognitoTokenException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CognitoTokenException"/> class.</summary>
    /// <param name="message">The message.</param>
    public CognitoTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CognitoTokenException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CognitoTokenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CognitoTokenException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="error">The OAuth error code, e.g. <c>invalid_client</c>.</param>
    /// <param name="errorDescription">The server's <c>error_description</c>.</param>
    /// <param name="statusCode">The HTTP status code of the response.</param>
    /// <param name="innerException">The cause.</param>
    public CognitoTokenException(
        string message,
        string? error,
        string? errorDescription,
        HttpStatusCode? statusCode,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        ErrorDescription = errorDescription;
        StatusCode = statusCode;
    }

    /// <summary>
    /// Gets the OAuth 2.0 error code (<c>invalid_client</c>, <c>invalid_scope</c>, <c>unauthorized_client</c>,
    /// <c>invalid_grant</c>, ...), or <see langword="null"/> when the failure was not an OAuth error response.
    /// </summary>
    public string? Error { get; }

    /// <summary>Gets the server's <c>error_description</c>, if it sent one.</summary>
    public string? ErrorDescription { get; }

    /// <summary>Gets the HTTP status code of the last response, or <see langword="null"/> when none arrived.</summary>
    public HttpStatusCode? StatusCode { get; }
}
