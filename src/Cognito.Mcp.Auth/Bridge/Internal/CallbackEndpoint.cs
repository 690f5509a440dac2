using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// <c>GET {issuer}/oauth/callback</c>: Cognito's managed login returns here. The <c>state</c> names a pending
/// authorization of this browser; the bridge redeems Cognito's code as a confidential client and hands the MCP client
/// a code of its own: one use, short-lived, bound to the client, its redirect URI and its PKCE challenge.
/// </summary>
internal sealed class CallbackEndpoint(
    BridgeSettings settings,
    BridgeStore store,
    CognitoUpstream upstream,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger(BridgeFlowLog.Category);

    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var state = query["state"].Count == 1 ? query["state"][0] : null;
        var pending = state is { Length: 43 }
            ? await store.GetAsync(BridgeStoreKinds.Pending, state, BridgeJsonContext.Default.PendingAuthorization, context.RequestAborted)
            : null;
        if (pending is null || pending.ExpiresAt <= time.GetUtcNow())
        {
            await RefuseAsync(context, "the sign-in expired or was already completed", "This sign-in expired or was already completed. Start it again from your application.");
            return;
        }

        if (!BrowserBinding.Matches(context, settings, pending.BrowserBinding))
        {
            await RefuseAsync(context, "the browser did not start this authorization", "This sign-in was not started in this browser. If you did not start it, close this page.");
            return;
        }

        // Only the browser that started it can end it (a stranger who learnt the state cannot cancel it).
        await store.RemoveAsync(BridgeStoreKinds.Pending, state!, context.RequestAborted);

        if (query["error"].Count > 0 || query["code"] is not { Count: 1 } codes || string.IsNullOrEmpty(codes[0]))
        {
            var denied = query["error"].ToString() == "access_denied";
            BridgeFlowLog.CallbackRefused(logger, denied ? "the user cancelled at Cognito" : "Cognito returned an error");
            OAuthResults.RedirectError(
                context, settings, pending.RedirectUri,
                denied ? "access_denied" : "server_error",
                denied ? "The user cancelled the sign-in." : "The sign-in at the identity provider failed.",
                pending.State);
            return;
        }

        var tokens = await upstream.RedeemCodeAsync(codes[0]!, pending.UpstreamVerifier, context.RequestAborted);
        if (tokens.AccessToken is null)
        {
            BridgeFlowLog.CallbackRefused(logger, "Cognito did not redeem its code: " + tokens.Error);
            OAuthResults.RedirectError(
                context, settings, pending.RedirectUri,
                tokens.Error == "temporarily_unavailable" ? "temporarily_unavailable" : "server_error",
                "The identity provider did not complete the sign-in.", pending.State);
            return;
        }

        var now = time.GetUtcNow();
        var code = RandomIds.New();
        var issued = new IssuedCode(
            pending.ClientId, pending.RedirectUri, pending.CodeChallenge, pending.Scopes, pending.Resource, tokens.AccessToken,
            now + tokens.ExpiresIn, tokens.RefreshToken, RandomIds.New(), now + settings.Options.AuthorizationCodeLifetime);
        await store.SetAsync(BridgeStoreKinds.Code, code, issued, BridgeJsonContext.Default.IssuedCode, settings.Options.AuthorizationCodeLifetime, context.RequestAborted);
        BridgeFlowLog.CodeIssued(logger, pending.ClientId);
        OAuthResults.RedirectCode(context, settings, pending.RedirectUri, code, pending.State);
    }

    private Task RefuseAsync(HttpContext context, string reason, string message)
    {
        BridgeFlowLog.CallbackRefused(logger, reason);
        return BridgePages.ErrorAsync(context, settings, StatusCodes.Status400BadRequest, "This sign-in cannot continue", message);
    }
}
