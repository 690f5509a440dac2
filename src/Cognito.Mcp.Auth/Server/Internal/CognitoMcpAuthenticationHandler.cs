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
    ProtectedResourceMetadata metadata)
    : AuthenticationHandler<CognitoMcpSchemeOptions>(schemeOptions, loggerFactory, encoder), IAuthenticationRequestHandler
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

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Context.AuthenticateAsync(CognitoMcpAuthenticationDefaults.BearerScheme);

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(CognitoMcpAuthenticationDefaults.BearerScheme);
        if (result.Failure is null)
        {
            ServerLog.TokenMissing(Logger, Request.Path);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = BearerChallenge.Missing(metadata.MetadataUrl, metadata.RequiredScopes);
            return;
        }

        var failure = TokenFailures.Classify(result.Failure);
        var invalidRequest = TokenFailures.IsInvalidRequest(failure);
        Response.StatusCode = invalidRequest ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = BearerChallenge.Refused(
            invalidRequest ? "invalid_request" : "invalid_token",
            TokenFailures.Describe(failure),
            metadata.MetadataUrl,
            metadata.RequiredScopes);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = NeededScopes.FromProperties(properties) ?? metadata.RequiredScopes;
        ServerLog.InsufficientScope(Logger, Context.User.FindFirst(CognitoClaimTypes.ClientId)?.Value ?? "(unknown)", string.Join(' ', needed), Request.Path);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.WWWAuthenticate = BearerChallenge.InsufficientScope(needed, metadata.MetadataUrl);
        return Task.CompletedTask;
    }
}
