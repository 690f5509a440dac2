using System.Security.Claims;
using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// The Cognito-specific part of validation: request shape and size before parsing, then token_use and client_id after
/// JwtBearer has checked signature, issuer, algorithm and lifetime; finally the caller's principal.
/// </summary>
internal sealed class CognitoJwtBearerEvents(
    CognitoSchemes schemes, ServerTelemetry telemetry, ILoggerFactory loggerFactory)
    : JwtBearerEvents
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(ServerLog.Category);

    private const string BearerPrefix = "Bearer ";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        var request = context.Request;
        // QueryString first: reading Query builds a query collection, on every request, even with no query string.
        if (request.QueryString.HasValue && request.Query.ContainsKey("access_token"))
        {
            return Refuse(context, TokenFailure.TokenInQueryString);
        }

        var headers = request.Headers.Authorization;
        if (headers.Count > 1)
        {
            return Refuse(context, TokenFailure.MultipleAuthorizationHeaders);
        }

        var header = headers.Count == 1 ? headers[0] : null;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (header is not null && header.Trim().Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return Refuse(context, TokenFailure.Malformed);
            }

            context.NoResult();
            return Task.CompletedTask;
        }

        var token = TokenOf(header);
        if (token.Length > SchemeOf(context).Options.MaxTokenLength)
        {
            return Refuse(context, TokenFailure.TooLarge);
        }

        if (token.IsEmpty || token.ContainsAny(' ', ',', '\t'))
        {
            return Refuse(context, TokenFailure.Malformed);
        }

        context.Token = token.ToString();
        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var scheme = SchemeOf(context);
        var failure = scheme.Rules.Check((ClaimsIdentity)principal.Identity!, out var tokenUse, out var clientId);
        switch (failure)
        {
            case TokenFailure.NotAnAccessToken:
                ServerLog.NotAnAccessToken(_logger, tokenUse ?? "(none)");
                await Refuse(context, failure.Value);
                return;
            case TokenFailure.ClientNotAllowed when string.IsNullOrEmpty(clientId):
                ServerLog.ClientIdMissing(_logger);
                await Refuse(context, failure.Value);
                return;
            case TokenFailure.ClientNotAllowed:
                ServerLog.ClientNotAllowed(_logger, clientId!);
                await Refuse(context, failure.Value);
                return;
            case { } other:
                await Refuse(context, other);
                return;
        }

        SplitScope((ClaimsIdentity)principal.Identity!);
        var validated = new CognitoTokenValidatedContext(context.HttpContext, principal, clientId!);
        await scheme.Events.Events.TokenValidated(validated);
        if (validated.RefusalReason is { } reason)
        {
            ServerLog.RefusedByApplication(_logger, clientId!, reason);
            await Refuse(context, TokenFailure.RefusedByApplication);
            return;
        }

        context.Principal = validated.Principal;
        telemetry.Accepted(clientId!);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            // The scope list is built only when the event is logged: this runs on every authenticated request.
            ServerLog.TokenAccepted(_logger, clientId!, string.Join(' ', context.Principal.FindAll(CognitoClaimTypes.Scope).Select(c => c.Value)));
        }
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        var failure = TokenFailures.Classify(context.Exception);
        // IdentityModel validates without keys when none could be fetched, and then reports an unknown key; say why.
        if (failure == TokenFailure.UnknownSigningKey && context.Options.ConfigurationManager is SigningKeyManager { HasConfiguration: false } keys)
        {
            failure = TokenFailure.SigningKeysUnavailable;
            context.Fail(new TokenRejectedException(failure));
            ServerLog.SigningKeysUnavailable(_logger, SchemeOf(context).Options.Issuer!, SchemeOf(context).Options.MetadataAddress!, keys.LastFailure ?? context.Exception);
        }
        else if (failure == TokenFailure.SigningKeysUnavailable)
        {
            ServerLog.SigningKeysUnavailable(_logger, SchemeOf(context).Options.Issuer!, SchemeOf(context).Options.MetadataAddress!, context.Exception);
        }
        else
        {
            ServerLog.TokenRefused(_logger, context.Request.Path, TokenFailures.Describe(failure), failure.ToString());
        }

        return Task.CompletedTask;
    }

    private static ReadOnlySpan<char> TokenOf(string bearerHeader) => bearerHeader.AsSpan(BearerPrefix.Length).Trim();

    // JwtBearer answers the challenge itself only if this scheme is challenged directly; the CognitoMcp scheme, which
    // the policy uses, writes the MCP challenge. Keep JwtBearer's own header out either way.
    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    private Task Refuse(ResultContext<JwtBearerOptions> context, TokenFailure failure)
    {
        if (failure is not (TokenFailure.NotAnAccessToken or TokenFailure.ClientNotAllowed or TokenFailure.RefusedByApplication))
        {
            ServerLog.TokenRefused(_logger, context.Request.Path, TokenFailures.Describe(failure), failure.ToString());
        }

        context.Fail(new TokenRejectedException(failure));
        return Task.CompletedTask;
    }

    /// <summary>The pool behind this JwtBearer scheme (each registration has its own).</summary>
    private CognitoScheme SchemeOf<TOptions>(BaseContext<TOptions> context)
        where TOptions : AuthenticationSchemeOptions =>
        schemes.ForBearer(context.Scheme.Name) ?? throw new InvalidOperationException($"The JwtBearer scheme '{context.Scheme.Name}' belongs to no AddCognitoMcpAuth registration.");

    /// <summary>
    /// Splits Cognito's space-separated <c>scope</c> into one claim per scope, in the identity IdentityModel built for
    /// this request (or the validated-token cache built from its memory): copying every claim into a new identity
    /// cost more than a tenth of what a first-seen token adds to the RS256 floor. The identity's authentication type
    /// (the MCP scheme, which tells which pool authenticated the caller) and name claim type (<c>username</c>, else
    /// <c>sub</c>) are set by the validation parameters (<see cref="ConfigureCognitoJwtBearerOptions"/>).
    /// </summary>
    private static void SplitScope(ClaimsIdentity identity)
    {
        if (identity.FindFirst(CognitoClaimTypes.Scope) is not { } scope || !scope.Value.Contains(' ', StringComparison.Ordinal))
        {
            return;
        }

        identity.RemoveClaim(scope);
        foreach (var value in scope.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            identity.AddClaim(new Claim(CognitoClaimTypes.Scope, value, ClaimValueTypes.String, scope.Issuer));
        }
    }
}
