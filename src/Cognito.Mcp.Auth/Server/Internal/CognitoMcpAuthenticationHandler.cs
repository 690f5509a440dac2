using System.Diagnostics;
using System.Text.Encodings.Web;
using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// The MCP face of the JwtBearer scheme: forwards validation to it, serves the RFC 9728 metadata, and answers
/// challenges and refusals with the RFC 6750 headers the MCP authorization spec asks for.
/// </summary>
internal sealed class CognitoMcpAuthenticationHandler(
    IOptionsMonitor<CognitoMcpSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CognitoSchemes schemes,
    ServerTelemetry telemetry)
    : AuthenticationHandler<CognitoMcpSchemeOptions>(schemeOptions, new PublicCategoryLoggerFactory(loggerFactory), encoder), IAuthenticationRequestHandler
{
    // This scheme's pool: its metadata, events and JwtBearer scheme (one per AddCognitoMcpAuth registration).
    private CognitoScheme Pool => schemes.Get(Scheme.Name);

    public async Task<bool> HandleRequestAsync()
    {
        var metadata = Pool.Metadata;
        var servesRoot = schemes.Registry.Default.Scheme == Scheme.Name; // several pools: the first answers the root path
        if (!metadata.IsMetadataPath(Request.Path, servesRoot) || !(HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method)))
        {
            return false;
        }

        Response.StatusCode = StatusCodes.Status200OK;
        Response.ContentType = "application/json";
        Response.Headers.CacheControl = "public, max-age=3600";
        Response.ContentLength = metadata.Document.Length;
        if (HttpMethods.IsGet(Request.Method))
        {
            await Response.Body.WriteAsync(metadata.Document, Context.RequestAborted);
        }

        return true;
    }

    // With no listener on the span (the usual case), a plain forward: no state machine, no activity to end.
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        ServerTelemetry.ActivitySource.HasListeners() ? AuthenticateWithActivityAsync() : Context.AuthenticateAsync(Pool.Registration.BearerScheme);

    private async Task<AuthenticateResult> AuthenticateWithActivityAsync()
    {
        using var activity = ServerTelemetry.ActivitySource.StartActivity("cognito.authenticate");
        var result = await Context.AuthenticateAsync(Pool.Registration.BearerScheme);
        if (activity is not null)
        {
            activity.SetTag("cognito.auth.result", result.Succeeded ? "accepted" : result.None ? "no_token" : "refused");
            if (result.Failure is not null)
            {
                activity.SetTag("cognito.refusal", ServerTelemetry.Reason(TokenFailures.Classify(result.Failure)));
                activity.SetStatus(ActivityStatusCode.Error);
            }
            else if (result.Principal?.FindFirst(CognitoClaimTypes.ClientId)?.Value is { } clientId)
            {
                activity.SetTag("cognito.client_id", clientId);
            }
        }

        return result;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(Pool.Registration.BearerScheme);
        var metadata = Pool.Metadata;
        CognitoChallengeContext challenge;
        if (result.Failure is null)
        {
            ServerLog.TokenMissing(Logger, Request.Path);
            telemetry.Refused("no_token");
            challenge = new CognitoChallengeContext(
                Context, StatusCodes.Status401Unauthorized, error: null, errorDescription: null, BearerChallenge.Missing(metadata.MetadataUrl, metadata.RequiredScopes));
        }
        else
        {
            var failure = TokenFailures.Classify(result.Failure);
            telemetry.Refused(ServerTelemetry.Reason(failure));
            var error = TokenFailures.IsInvalidRequest(failure) ? "invalid_request" : "invalid_token";
            var description = TokenFailures.Describe(failure);
            challenge = new CognitoChallengeContext(
                Context,
                error == "invalid_request" ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized,
                error,
                description,
                BearerChallenge.Refused(error, description, metadata.MetadataUrl, metadata.RequiredScopes));
        }

        await Pool.Events.Events.Challenge(challenge);
        if (!challenge.Handled)
        {
            Response.StatusCode = challenge.StatusCode;
            AppendChallenge(challenge.WwwAuthenticate);
        }
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var metadata = Pool.Metadata;
        var needed = NeededScopes.FromProperties(properties) ?? metadata.RequiredScopes;
        ServerLog.InsufficientScope(Logger, Context.User.FindFirst(CognitoClaimTypes.ClientId)?.Value ?? "(unknown)", string.Join(' ', needed), Request.Path);
        telemetry.Refused("insufficient_scope");
        var forbidden = new CognitoForbiddenContext(Context, needed, BearerChallenge.InsufficientScope(needed, metadata.MetadataUrl));
        await Pool.Events.Events.Forbidden(forbidden);
        if (!forbidden.Handled)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            AppendChallenge(forbidden.WwwAuthenticate);
        }
    }

    // An endpoint open to several pools is challenged by each: one Bearer challenge per distinct metadata document.
    private void AppendChallenge(string value)
    {
        if (!Response.Headers.WWWAuthenticate.Contains(value))
        {
            Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, value);
        }
    }
}
