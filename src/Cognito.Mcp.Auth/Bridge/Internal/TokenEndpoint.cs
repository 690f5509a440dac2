using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// <c>POST {issuer}/oauth/token</c> for public clients: <c>authorization_code</c> (with the PKCE verifier, the same
/// redirect URI and client) and <c>refresh_token</c> (rotated on every use). The access token is Cognito's, issued to
/// the bridge's app client for this server's scopes only, so it passes this server's usual validation and no other
/// API's client allow-list.
/// </summary>
internal sealed class TokenEndpoint(
    BridgeSettings settings,
    BridgeClients clients,
    BridgeStore store,
    RefreshTokens refreshTokens,
    CognitoUpstream upstream,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger(BridgeFlowLog.Category);

    private const string UnknownCode = "The code is unknown, used or expired.";
    private const string UnknownRefreshToken = "The refresh token is unknown, used, revoked or expired.";

    // Redemptions in progress on this instance: the same code or refresh token presented twice at once gets one answer.
    private readonly ConcurrentDictionary<string, byte> _inProgress = new(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var (form, problem) = await BridgeForms.ReadAsync(context);
        if (form is null)
        {
            await FailAsync(context, "invalid_request", problem!);
            return;
        }

        if (context.Request.Headers.Authorization.Count > 0 || form.ContainsKey("client_secret") || form.ContainsKey("client_assertion"))
        {
            await FailAsync(context, "invalid_client", "Clients of this server are public: send client_id only, no secret or assertion.", StatusCodes.Status401Unauthorized);
            return;
        }

        if (form["client_id"].ToString() is not { Length: > 0 } clientId)
        {
            await FailAsync(context, "invalid_request", "client_id is required.");
            return;
        }

        var (client, unknown) = await clients.FindAsync(clientId, context.RequestAborted);
        if (client is null)
        {
            await FailAsync(context, "invalid_client", unknown!);
            return;
        }

        if (form["resource"].ToString() is { Length: > 0 } resource && !string.Equals(resource, settings.Resource, StringComparison.Ordinal))
        {
            await FailAsync(context, "invalid_target", $"resource must be {settings.Resource}.");
            return;
        }

        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                await RedeemCodeAsync(context, client, form);
                break;
            case "refresh_token":
                await RefreshAsync(context, client, form);
                break;
            case "":
                await FailAsync(context, "invalid_request", "grant_type is required.");
                break;
            default:
                await FailAsync(context, "unsupported_grant_type", "This server supports authorization_code and refresh_token.");
                break;
        }
    }

    private async Task RedeemCodeAsync(HttpContext context, BridgeClient client, IFormCollection form)
    {
        var code = form["code"].ToString();
        var redirectUri = form["redirect_uri"].ToString();
        if (code.Length == 0 || redirectUri.Length == 0 || form["code_verifier"].Count == 0)
        {
            await FailAsync(context, "invalid_request", "code, redirect_uri and code_verifier are required.");
            return;
        }

        await ExclusivelyAsync(context, code, UnknownCode, async () =>
        {
            var cancellationToken = context.RequestAborted;
            var issued = await store.TakeAsync(BridgeStoreKinds.Code, code, BridgeJsonContext.Default.IssuedCode, cancellationToken);
            if (issued is null)
            {
                await UnknownAsync(context, BridgeStoreKinds.UsedCode, code, "authorization code", client.ClientId, UnknownCode);
                return;
            }

            // Whatever happens next, the code is spent; presenting it again revokes what it produced.
            await store.SetAsync(BridgeStoreKinds.UsedCode, code, issued.FamilyId, BridgeJsonContext.Default.String, TimeSpan.FromHours(1), cancellationToken);
            var now = time.GetUtcNow();
            string? failure =
                issued.ExpiresAt <= now ? "The code expired."
                : issued.ClientId != client.ClientId ? "The code was issued to another client."
                : !string.Equals(issued.RedirectUri, redirectUri, StringComparison.Ordinal) ? "redirect_uri differs from the authorization request's."
                : !Pkce.Matches(issued.CodeChallenge, form["code_verifier"]) ? "The code_verifier does not match the code_challenge."
                : null;
            if (failure is not null)
            {
                await FailAsync(context, "invalid_grant", failure);
                return;
            }

            var refresh = issued.UpstreamRefreshToken is { } upstreamRefresh
                ? await refreshTokens.IssueAsync(client.ClientId, issued.Scopes, issued.Resource, upstreamRefresh, issued.FamilyId, null, cancellationToken)
                : null;
            BridgeFlowLog.TokensIssued(logger, client.ClientId, "authorization_code");
            await OAuthResults.TokensAsync(context, issued.AccessToken, issued.AccessTokenExpiresAt - now, refresh, issued.Scopes);
        });
    }

    private async Task RefreshAsync(HttpContext context, BridgeClient client, IFormCollection form)
    {
        var handle = form["refresh_token"].ToString();
        if (handle.Length == 0)
        {
            await FailAsync(context, "invalid_request", "refresh_token is required.");
            return;
        }

        await ExclusivelyAsync(context, handle, UnknownRefreshToken, async () =>
        {
            var cancellationToken = context.RequestAborted;
            var record = await store.GetAsync(BridgeStoreKinds.RefreshToken, handle, BridgeJsonContext.Default.RefreshTokenRecord, cancellationToken);
            if (record is null)
            {
                await UnknownAsync(context, BridgeStoreKinds.UsedRefreshToken, handle, "refresh token", client.ClientId, UnknownRefreshToken);
                return;
            }

            if (record.ClientId != client.ClientId || record.ExpiresAt <= time.GetUtcNow())
            {
                await FailAsync(context, "invalid_grant", record.ClientId != client.ClientId ? "The refresh token was issued to another client." : "The refresh token expired.");
                return;
            }

            // Cognito cannot narrow a refreshed token's scopes, so a narrower request would be answered with more.
            if (form["scope"].ToString() is { Length: > 0 } scope
                && !scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "offline_access").Order(StringComparer.Ordinal)
                    .SequenceEqual(record.Scopes.Order(StringComparer.Ordinal)))
            {
                await FailAsync(context, "invalid_scope", $"A refresh here keeps the original scopes: {string.Join(' ', record.Scopes)}.");
                return;
            }

            var tokens = await upstream.RefreshAsync(record.UpstreamRefreshToken, cancellationToken);
            if (tokens.AccessToken is null)
            {
                if (tokens.Error == "invalid_grant")
                {
                    await refreshTokens.RetireAsync(handle, record, cancellationToken);
                    await refreshTokens.RevokeFamilyQuietlyAsync(record.FamilyId, cancellationToken);
                    await FailAsync(context, "invalid_grant", "The sign-in behind this refresh token ended; sign in again.");
                }
                else
                {
                    // The client keeps its refresh token and may try again later.
                    await FailAsync(context, "temporarily_unavailable", "The identity provider could not be reached; try again later.", StatusCodes.Status503ServiceUnavailable);
                }

                return;
            }

            await refreshTokens.RetireAsync(handle, record, cancellationToken);
            var next = await refreshTokens.IssueAsync(client.ClientId, record.Scopes, record.Resource, tokens.RefreshToken ?? record.UpstreamRefreshToken, record.FamilyId, record.ExpiresAt, cancellationToken);
            BridgeFlowLog.TokensIssued(logger, client.ClientId, "refresh_token");
            await OAuthResults.TokensAsync(context, tokens.AccessToken, tokens.ExpiresIn, next, record.Scopes);
        });
    }

    /// <summary>Runs a redemption of <paramref name="handle"/> unless one is already running on this instance.</summary>
    private async Task ExclusivelyAsync(HttpContext context, string handle, string unknown, Func<Task> redeem)
    {
        if (handle.Length != 43 || !_inProgress.TryAdd(handle, 0))
        {
            await FailAsync(context, "invalid_grant", unknown);
            return;
        }

        try
        {
            await redeem();
        }
        finally
        {
            _inProgress.TryRemove(handle, out _);
        }
    }

    /// <summary>An unknown code or refresh token; if it is a spent one presented again, its family is revoked first.</summary>
    private async Task UnknownAsync(HttpContext context, string usedKind, string handle, string what, string clientId, string unknown)
    {
        if (await store.GetAsync(usedKind, handle, BridgeJsonContext.Default.String, context.RequestAborted) is { } family)
        {
            await refreshTokens.RevokeFamilyAsync(family, what, clientId, context.RequestAborted);
        }

        await FailAsync(context, "invalid_grant", unknown);
    }

    private Task FailAsync(HttpContext context, string error, string description, int status = StatusCodes.Status400BadRequest)
    {
        BridgeFlowLog.TokenRefused(logger, error, description);
        if (status == StatusCodes.Status401Unauthorized)
        {
            // RFC 6749 section 5.2: a client that tried an Authorization header gets 401 and a challenge. It names
            // Basic because that is what it tried; no secret this server issued would pass it.
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"" + settings.Issuer + "\"";
        }

        return OAuthResults.JsonErrorAsync(context, status, error, description);
    }
}
