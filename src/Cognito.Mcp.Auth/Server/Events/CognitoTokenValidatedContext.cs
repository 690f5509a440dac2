using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth;

/// <summary>A Cognito access token that passed every built-in check, before the request goes on.</summary>
public sealed class CognitoTokenValidatedContext
{
    internal CognitoTokenValidatedContext(HttpContext httpContext, ClaimsPrincipal principal, string clientId)
    {
        HttpContext = httpContext;
        Principal = principal;
        ClientId = clientId;
    }

    /// <summary>Gets the request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>
    /// Gets or sets the caller: one <c>scope</c> claim per scope, the name from <c>username</c> (else <c>sub</c>), roles
    /// from <c>cognito:groups</c>. Replace or enrich it; it becomes <c>HttpContext.User</c>.
    /// </summary>
    public ClaimsPrincipal Principal { get; set; }

    /// <summary>Gets the app client the token was issued to (its <c>client_id</c>).</summary>
    public string ClientId { get; }

    /// <summary>Gets the reason given to <see cref="Refuse"/>, or <see langword="null"/> while the token is accepted.</summary>
    public string? RefusalReason { get; private set; }

    /// <summary>
    /// Refuses the token: the caller gets 401 <c>invalid_token</c> with the fixed description "The access token was
    /// refused by the server". <paramref name="reason"/> goes to the log only, never to the caller.
    /// </summary>
    /// <param name="reason">Why, for the log (never a token or secret).</param>
    public void Refuse(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        RefusalReason = reason;
    }
}
