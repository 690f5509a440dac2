using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth;

/// <summary>A request about to be answered 401 (no or a refused token) or 400 (a malformed request).</summary>
public sealed class CognitoChallengeContext
{
    internal CognitoChallengeContext(HttpContext httpContext, int statusCode, string? error, string? errorDescription, string wwwAuthenticate)
    {
        HttpContext = httpContext;
        StatusCode = statusCode;
        Error = error;
        ErrorDescription = errorDescription;
        WwwAuthenticate = wwwAuthenticate;
    }

    /// <summary>Gets the request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Gets the status about to be sent: 401, or 400 for <c>invalid_request</c>.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the RFC 6750 error (<c>invalid_token</c>, <c>invalid_request</c>), or <see langword="null"/> when no token was sent.</summary>
    public string? Error { get; }

    /// <summary>Gets the fixed error description, or <see langword="null"/> when no token was sent.</summary>
    public string? ErrorDescription { get; }

    /// <summary>Gets the <c>WWW-Authenticate</c> value about to be sent.</summary>
    public string WwwAuthenticate { get; }

    /// <summary>Gets a value indicating whether the event wrote the response itself.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips the library's own response: the event has written one.</summary>
    public void HandleResponse() => Handled = true;
}
