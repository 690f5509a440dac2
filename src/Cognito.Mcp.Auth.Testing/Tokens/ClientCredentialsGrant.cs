using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// <c>grant_type=client_credentials</c>: an M2M access token only. Without <c>scope</c>, all the client's custom
/// scopes are granted. Assumed (unsure): a scope the client may not ask for is refused with <c>invalid_scope</c>
/// (current behaviour) rather than silently dropped. The RFC 8707 <c>resource</c> parameter is accepted and ignored:
/// M2M tokens never carry <c>aud</c>.
/// </summary>
internal static class ClientCredentialsGrant
{
    public static TokenResult Handle(LocalUserPool pool, LocalAppClient client, IFormCollection form)
    {
        if (!client.Allows(LocalOAuthFlows.ClientCredentials))
        {
            return TokenResult.Fail("unauthorized_client", "The client_credentials flow is not enabled for this client.");
        }

        var requested = Scopes.Parse(form.Value("scope"));
        var customScopes = client.AllowedOAuthScopes.Where(CognitoValidation.IsCustomScope).ToList();
        if (requested.Count == 0)
        {
            requested = customScopes;
        }
        else if (requested.FirstOrDefault(s => !customScopes.Contains(s, StringComparer.Ordinal)) is { } refused)
        {
            return TokenResult.Fail("invalid_scope", $"Scope {refused} is not allowed for this client.");
        }

        var now = pool.Owner.TimeProvider.GetUtcNow();
        var claims = TokenClaims.ClientCredentials(pool.Issuer, client.ClientId, requested, now, client.AccessTokenValidity);
        return TokenResult.Ok(new JsonObject
        {
            ["access_token"] = JwsWriter.Write(pool.Keys.AccessKey, claims),
            ["expires_in"] = (long)client.AccessTokenValidity.TotalSeconds,
            ["token_type"] = "Bearer",
        });
    }
}
