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
    ProtectedResourceMetadata metadata,
    ApplicationEvents application,
    ServerTelemetry telemetry)
    : AuthenticationHandler<CognitoMcpSchemeOptions>(schemeOptions, new PublicCategoryLoggerFactory(loggerFactory), encoder), IAuthenticationRequestHandler
{
    public async Task<bool> HandleRequestAsync()
    {
        if (!metadata.IsMetadataPath(Request.Path) || !(HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method)))
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        using var activity = ServerTelemetry.ActivitySource.StartActivity("cognito.authenticate");
        var result = await Context.AuthenticateAsync(CognitoMcpAuthenticationDefaults.BearerScheme);
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
        var result = await Context.AuthenticateAsync(CognitoMcpAuthenticationDefaults.BearerScheme);
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

        await application.Events.Challenge(challenge);
        if (!challenge.Handled)
        {
            Response.StatusCode = challenge.StatusCode;
            Response.Headers.WWWAuthenticate = challenge.WwwAuthenticate;
        }
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = NeededScopes.FromProperties(properties) ?? metadata.RequiredScopes;
        ServerLog.InsufficientScope(Logger, Context.User.FindFirst(CognitoClaimTypes.ClientId)?.Value ?? "(unknown)", string.Join(' ', needed), Request.Path);
        telemetry.Refused("insufficient_scope");
        var forbidden = new CognitoForbiddenContext(Context, needed, BearerChallenge.InsufficientScope(needed, metadata.MetadataUrl));
        await application.Events.Forbidden(forbidden);
        if (!forbidden.Handled)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Response.Headers.WWWAuthenticate = forbidden.WwwAuthenticate;
        }
    }
}
