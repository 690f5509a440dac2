using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// <c>GET {issuer}/oauth/authorize</c>. Until the client and its redirect URI are known good, every problem is an error
/// page (never a redirect to an unverified place); after that, RFC 6749 error redirects. PKCE S256 and <c>state</c> are
/// required; scopes are limited to the server's; a <c>resource</c> must name this server (RFC 8707). Then the consent
/// page, unless this browser already allowed this client, and the redirect to Cognito's managed login.
/// </summary>
internal sealed class AuthorizeEndpoint(
    BridgeSettings settings,
    BridgeRateLimiters limits,
    BridgeClients clients,
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
        // Each authorization writes a pending entry: a flood must not fill the store.
        if (!limits.Authorize.TryAcquire(context))
        {
            BridgeFlowLog.RateLimited(logger, "authorize", BridgeRateLimiter.Partition(context));
            context.Response.Headers.RetryAfter = "60";
            await BridgePages.ErrorAsync(context, settings, StatusCodes.Status429TooManyRequests, "Too many sign-in attempts", "Too many sign-in attempts came from your network. Try again in a minute.");
            return;
        }

        var query = context.Request.Query;
        var repeated = query.Any(p => p.Value.Count > 1);
        if (Single(query, "client_id") is not { Length: > 0 } clientId)
        {
            await PageAsync(context, "invalid_request", "The request has no client_id, or more than one.");
            return;
        }

        var (client, problem) = await clients.FindAsync(clientId, context.RequestAborted);
        if (client is null)
        {
            await PageAsync(context, "invalid_client", problem!);
            return;
        }

        if (Single(query, "redirect_uri") is not { Length: > 0 } redirectUri)
        {
            await PageAsync(context, "invalid_request", "The request has no redirect_uri, or more than one.");
            return;
        }

        if (!RedirectUriRules.Matches(client.RedirectUris, redirectUri))
        {
            await PageAsync(context, "invalid_request", "The redirect_uri is not one registered for this application, so the sign-in cannot return to it.");
            return;
        }

        var state = Single(query, "state");
        var browserBinding = BrowserBinding.Ensure(context, settings);
        var error = Check(query, repeated, state, out var scopes);
        if (error is not null)
        {
            // Anyone can register a client and its redirect URI, so an error goes there without the user's say only
            // when this browser already allowed that client (RFC 9700 section 4.11.2: no open redirector). Otherwise
            // the user reads it here.
            BridgeFlowLog.AuthorizeRefused(logger, error.Value.Error, error.Value.Description);
            if (consent.IsRemembered(context, browserBinding, client.ClientId, redirectUri, scopes: null))
            {
                OAuthResults.RedirectError(context, settings, redirectUri, error.Value.Error, error.Value.Description, state);
            }
            else
            {
                await BridgePages.ErrorAsync(context, settings, StatusCodes.Status400BadRequest, "This sign-in cannot continue", $"The application sent an invalid request ({error.Value.Error}): {error.Value.Description}");
            }

            return;
        }

        var transactionId = RandomIds.New();
        var pending = new PendingAuthorization(
            client.ClientId, client.ClientName, redirectUri, state!, query["code_challenge"].ToString(), scopes, Single(query, "resource"),
            Pkce.NewVerifier(), browserBinding, time.GetUtcNow() + settings.Options.AuthorizationLifetime);
        await store.SetAsync(BridgeStoreKinds.Pending, transactionId, pending, BridgeJsonContext.Default.PendingAuthorization, settings.Options.AuthorizationLifetime, context.RequestAborted);

        if (consent.IsRemembered(context, browserBinding, client.ClientId, redirectUri, scopes))
        {
            BridgeFlowLog.SentUpstream(logger, client.ClientId, "remembered");
            await RedirectUpstreamAsync(context, settings, upstream, transactionId, pending, StatusCodes.Status302Found);
            return;
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        await BridgePages.ConsentAsync(context, settings, new ConsentPageModel(
            client.ClientName,
            client.FromMetadataDocument ? $"Described by {new Uri(client.ClientId).Host}" : "Registered itself with this server; anyone can do that",
            DescribeRedirect(redirectUri),
            scopes,
            transactionId,
            tokens.FormFieldName,
            tokens.RequestToken!));
    }

    /// <summary>Sends the browser to Cognito's managed login, or shows why it cannot go there.</summary>
    internal static async Task RedirectUpstreamAsync(HttpContext context, BridgeSettings settings, CognitoUpstream upstream, string transactionId, PendingAuthorization pending, int status)
    {
        if (await upstream.AuthorizeUrlAsync(transactionId, pending.UpstreamVerifier, pending.Scopes, context.RequestAborted) is not { } url)
        {
            await BridgePages.ErrorAsync(context, settings, StatusCodes.Status503ServiceUnavailable, "Sign-in is unavailable", "The identity provider cannot be reached right now. Try again in a few minutes.");
            return;
        }

        OAuthResults.NoStore(context.Response);
        context.Response.StatusCode = status;
        context.Response.Headers.Location = url;
    }

    private (string Error, string Description)? Check(IQueryCollection query, bool repeated, string? state, out string[] scopes)
    {
        scopes = [];
        if (repeated)
        {
            return ("invalid_request", "A parameter appears more than once.");
        }

        if (state is not { Length: > 0 })
        {
            return ("invalid_request", "state is required.");
        }

        if (state.Length > 2048)
        {
            return ("invalid_request", "state is longer than 2048 characters.");
        }

        if (Single(query, "response_type") != "code")
        {
            return ("unsupported_response_type", "Only response_type=code is supported.");
        }

        if (Single(query, "code_challenge_method") != "S256")
        {
            return ("invalid_request", "PKCE is required with code_challenge_method=S256 (plain is not accepted).");
        }

        if (!Pkce.IsWellFormedChallenge(Single(query, "code_challenge")))
        {
            return ("invalid_request", "code_challenge must be the base64url SHA-256 of the code verifier (43 characters).");
        }

        if (Single(query, "resource") is { } resource && !string.Equals(resource, settings.Resource, StringComparison.Ordinal))
        {
            return ("invalid_target", $"resource must be {settings.Resource}, the only resource this server issues tokens for.");
        }

        return BridgeScopes.Select(settings, Single(query, "scope"), out scopes);
    }

    private Task PageAsync(HttpContext context, string error, string message)
    {
        BridgeFlowLog.AuthorizeRefused(logger, error, message);
        return BridgePages.ErrorAsync(context, settings, StatusCodes.Status400BadRequest, "This sign-in cannot continue", message);
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    /// <summary>Where the user will land: the trust signal a person can check, unlike a self-chosen client name.</summary>
    internal static string DescribeRedirect(string redirectUri)
    {
        var uri = new Uri(redirectUri);
        if (uri.Scheme == Uri.UriSchemeHttp && Cognito.Mcp.Auth.Internal.LoopbackAddress.IsLoopback(uri))
        {
            return $"an application on this computer ({uri.Scheme}://{uri.Host})";
        }

        return uri.Scheme == Uri.UriSchemeHttps ? uri.Host : $"the application that opens {uri.Scheme}: links";
    }
}
