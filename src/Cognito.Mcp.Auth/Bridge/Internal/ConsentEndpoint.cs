using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// <c>POST {issuer}/oauth/consent</c>: the consent form's answer. It must carry the antiforgery token of the page this
/// browser was shown (so another site cannot submit "Allow" on the user's behalf) and come from the browser that
/// started the authorization. Allow: remember it and go to Cognito; deny: <c>access_denied</c> to the client.
/// </summary>
internal sealed class ConsentEndpoint(
    BridgeSettings settings,
    BridgeStore store,
    ConsentCookie consent,
    CognitoUpstream upstream,
    IAntiforgery antiforgery,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger(BridgeFlowLog.Category);

    public async Task HandleAsync(HttpContext context)
    {
        var (form, problem) = await BridgeForms.ReadAsync(context);
        if (form is null)
        {
            await RefuseAsync(context, problem!);
            return;
        }

        if (!await AntiforgeryValidAsync(context))
        {
            await RefuseAsync(context, "The consent form expired or was not sent from this server's page. Start the sign-in again from your application.");
            return;
        }

        var transactionId = form["txn"].Count == 1 ? form["txn"][0] : null;
        var pending = transactionId is { Length: 43 }
            ? await store.GetAsync(BridgeStoreKinds.Pending, transactionId, BridgeJsonContext.Default.PendingAuthorization, context.RequestAborted)
            : null;
        if (pending is null || pending.ExpiresAt <= time.GetUtcNow())
        {
            await RefuseAsync(context, "This sign-in request expired or was already answered. Start the sign-in again from your application.");
            return;
        }

        if (!BrowserBinding.Matches(context, settings, pending.BrowserBinding))
        {
            await RefuseAsync(context, "This sign-in was started in another browser. Start it again from your application.");
            return;
        }

        switch (form["decision"].ToString())
        {
            case "allow":
                consent.Remember(context, pending.ClientId, pending.RedirectUri, pending.Scopes, pending.BrowserBinding);
                BridgeFlowLog.SentUpstream(logger, pending.ClientId, "given");
                await AuthorizeEndpoint.RedirectUpstreamAsync(context, settings, upstream, transactionId!, pending, StatusCodes.Status303SeeOther);
                return;
            case "deny":
                await store.RemoveAsync(BridgeStoreKinds.Pending, transactionId!, context.RequestAborted);
                BridgeFlowLog.ConsentDenied(logger, pending.ClientId);
                OAuthResults.RedirectError(context, settings, pending.RedirectUri, "access_denied", "The user denied the request.", pending.State, StatusCodes.Status303SeeOther);
                return;
            default:
                await RefuseAsync(context, "The consent form carried no decision.");
                return;
        }
    }

    private async Task<bool> AntiforgeryValidAsync(HttpContext context)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return false; // e.g. a cookie from another key ring: the same answer as a missing token
        }
    }

    private Task RefuseAsync(HttpContext context, string message)
    {
        BridgeFlowLog.AuthorizeRefused(logger, "consent", message);
        return BridgePages.ErrorAsync(context, settings, StatusCodes.Status400BadRequest, "This sign-in cannot continue", message);
    }
}
