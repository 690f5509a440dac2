using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth;

/// <summary>A caller with a valid token but without a needed scope, about to be answered 403 <c>insufficient_scope</c>.</summary>
public sealed class CognitoForbiddenContext
{
    internal CognitoForbiddenContext(HttpContext httpContext, IReadOnlyList<string> neededScopes, string wwwAuthenticate)
    {
        HttpContext = httpContext;
        NeededScopes = neededScopes;
        WwwAuthenticate = wwwAuthenticate;
    }

    /// <summary>Gets the request; <c>HttpContext.User</c> is the caller.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Gets the scopes of which the caller needs one.</summary>
    public IReadOnlyList<string> NeededScopes { get; }

    /// <summary>Gets the <c>WWW-Authenticate</c> value about to be sent.</summary>
    public string WwwAuthenticate { get; }

    /// <summary>Gets a value indicating whether the event wrote the response itself.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips the library's own response: the event has written one.</summary>
    public void HandleResponse() => Handled = true;
}
