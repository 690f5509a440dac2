using System.Globalization;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;
using Cognito.Mcp.Auth.Testing.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// <c>POST {domain}/oauth2/token</c>: fault injection first, then form parsing, client authentication and the grant.
/// Every answer carries <c>Access-Control-Allow-Origin: *</c>, like Cognito's.
/// Checks run in this order: content type → <c>grant_type</c> present → client → grant supported →
/// <c>AllowedOAuthFlowsUserPoolClient</c> (<c>invalid_grant</c>) → the grant's own checks.
/// </summary>
internal sealed class TokenEndpoint(UserPoolRegistry pools, LocalCognitoFaults faults, DisallowedScopeBehavior disallowedScopes, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        // On every answer, with or without an Origin header, as Cognito's page says.
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (await ApplyFaultsAsync(context))
        {
            return;
        }

        if (pools.DomainPool(context) is not { } pool)
        {
            return;
        }

        var result = await HandleGrantAsync(context, pool);
        if (result.Error is { } error)
        {
            Log.TokenRefused(logger, error, result.Reason ?? "");
            await OAuthResponses.ErrorAsync(context, error, result.Description);
            return;
        }

        await OAuthResponses.JsonAsync(context, result.Body!);
    }

    private async Task<TokenResult> HandleGrantAsync(HttpContext context, LocalUserPool pool)
    {
        var read = await FormReader.ReadAsync(context);
        if (read.Form is not { } form)
        {
            return TokenResult.Fail("invalid_request", read.Error, read.Error);
        }

        var grantType = form.Value("grant_type");
        if (grantType is null)
        {
            return TokenResult.Fail("invalid_request", "grant_type is missing.");
        }

        var (client, failure) = ClientAuthenticator.Authenticate(context, form, pool);
        if (client is null)
        {
            return TokenResult.Fail("invalid_client", failure);
        }

        if (grantType is not ("client_credentials" or "authorization_code" or "refresh_token"))
        {
            return TokenResult.Fail("unsupported_grant_type", $"grant_type {grantType} is not supported.");
        }

        if (!client.AllowedOAuthFlowsUserPoolClient)
        {
            return TokenResult.Fail("invalid_grant", "The client does not have AllowedOAuthFlowsUserPoolClient enabled.");
        }

        var result = grantType switch
        {
            "client_credentials" => ClientCredentialsGrant.Handle(pool, client, form, disallowedScopes),
            "authorization_code" => AuthorizationCodeGrant.Handle(pool, client, form),
            _ => RefreshTokenGrant.Handle(pool, client, form),
        };
        if (result.Error is null)
        {
            Log.TokenIssued(logger, client.ClientId, grantType);
        }

        return result;
    }

    private async Task<bool> ApplyFaultsAsync(HttpContext context)
    {
        if (faults.TakeTokenFailure() is { } failure)
        {
            Log.TokenFaultInjected(logger, (int)failure.Status);
            if (failure.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            // Assumed (unsure what Cognito's own 5xx/429 bodies say): OAuth-style JSON errors.
            var error = (int)failure.Status switch
            {
                >= 500 => "server_error",
                429 => "too_many_requests",
                _ => "invalid_request",
            };
            await OAuthResponses.ErrorAsync(context, error, "Injected by LocalCognitoFaults.", (int)failure.Status);
            return true;
        }

        if (faults.CurrentGate is { } gate)
        {
            await gate.PassAsync(context.RequestAborted);
        }

        if (faults.Delay is { Ticks: > 0 } delay)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        return false;
    }
}
