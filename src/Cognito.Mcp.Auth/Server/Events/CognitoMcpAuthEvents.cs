namespace Cognito.Mcp.Auth;

/// <summary>
/// Hooks into Cognito access-token authentication, in the style of <c>JwtBearerEvents</c>: set the <c>On…</c>
/// delegates, or derive from this class, override the methods and name the type in
/// <see cref="CognitoMcpAuthOptions.EventsType"/>. The events object is used as a singleton.
/// </summary>
public class CognitoMcpAuthEvents
{
    /// <summary>
    /// Gets or sets what runs after a token passed every built-in check (signature, issuer, lifetime, token_use,
    /// client, audience): add a check of your own and <see cref="CognitoTokenValidatedContext.Refuse"/>, or enrich
    /// <see cref="CognitoTokenValidatedContext.Principal"/>. Default: nothing.
    /// </summary>
    public Func<CognitoTokenValidatedContext, Task> OnTokenValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Gets or sets what runs before a 401 (or 400) challenge is written: log it your way, or write your own response
    /// and call <see cref="CognitoChallengeContext.HandleResponse"/>. Default: nothing.
    /// </summary>
    public Func<CognitoChallengeContext, Task> OnChallenge { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Gets or sets what runs before a 403 <c>insufficient_scope</c> answer is written; call
    /// <see cref="CognitoForbiddenContext.HandleResponse"/> to write your own. Default: nothing.
    /// </summary>
    public Func<CognitoForbiddenContext, Task> OnForbidden { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked after a token passed every built-in check.</summary>
    /// <param name="context">The validated token's context.</param>
    /// <returns>A task that completes when the event was handled.</returns>
    public virtual Task TokenValidated(CognitoTokenValidatedContext context) => OnTokenValidated(context);

    /// <summary>Invoked before a challenge is written.</summary>
    /// <param name="context">The challenge's context.</param>
    /// <returns>A task that completes when the event was handled.</returns>
    public virtual Task Challenge(CognitoChallengeContext context) => OnChallenge(context);

    /// <summary>Invoked before a 403 is written.</summary>
    /// <param name="context">The refusal's context.</param>
    /// <returns>A task that completes when the event was handled.</returns>
    public virtual Task Forbidden(CognitoForbiddenContext context) => OnForbidden(context);
}
