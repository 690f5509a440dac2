using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// <c>POST {issuer}/oauth/revoke</c> (RFC 7009) for the bridge's refresh tokens: the family ends here and at Cognito.
/// Access tokens are Cognito's JWTs and cannot be revoked; they expire. Unknown tokens get 200, as the RFC asks.
/// </summary>
internal sealed class RevocationEndpoint(BridgeStore store, RefreshTokens refreshTokens)
{
    public async Task HandleAsync(HttpContext context)
    {
        var (form, problem) = await BridgeForms.ReadAsync(context);
        if (form is null)
        {
            await OAuthResults.JsonErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", problem!);
            return;
        }

        var token = form["token"].ToString();
        var clientId = form["client_id"].ToString();
        if (token.Length == 0 || clientId.Length == 0)
        {
            await OAuthResults.JsonErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "token and client_id are required.");
            return;
        }

        if (token.Length == 43
            && await store.GetAsync(BridgeStoreKinds.RefreshToken, token, BridgeJsonContext.Default.RefreshTokenRecord, context.RequestAborted) is { } record
            && record.ClientId == clientId)
        {
            await refreshTokens.RetireAsync(token, record, context.RequestAborted);
            await refreshTokens.RevokeFamilyQuietlyAsync(record.FamilyId, context.RequestAborted);
        }

        OAuthResults.NoStore(context.Response);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
