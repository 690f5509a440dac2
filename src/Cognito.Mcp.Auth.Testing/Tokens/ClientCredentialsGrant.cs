using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// <c>grant_type=client_credentials</c>: an M2M access token only. Without <c>scope</c>, all the client's custom
/// scopes are granted. A scope the pool does not know is <c>invalid_scope</c>; one it knows but the client may not use
/// is refused or dropped as <see cref="LocalCognitoOptions.DisallowedClientCredentialsScopes"/> says (AWS documents
/// both). Assumed (unsure): when dropping leaves nothing, the request is <c>invalid_scope</c>, since an M2M token needs
/// a custom scope. The RFC 8707 <c>resource</c> parameter is accepted and ignored: M2M tokens never carry <c>aud</c>.
/// </summary>
internal static class ClientCredentialsGrant
{
    public static TokenResult Handle(LocalUserPool pool, LocalAppClient client, IFormCollection form, DisallowedScopeBehavior disallowedScopes)
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
        else
        {
            var (allowed, disallowed, unknown) = Scopes.Sort(pool, customScopes, requested);
            if (unknown.Count > 0)
            {
                return TokenResult.Fail("invalid_scope", $"Scope {unknown[0]} does not exist in the user pool.");
            }

            if (disallowed.Count > 0 && disallowedScopes == DisallowedScopeBehavior.Refuse)
            {
                return TokenResult.Fail("invalid_scope", $"Scope {disallowed[0]} is not allowed for this client.");
            }

            if (allowed.Count == 0)
            {
                return TokenResult.Fail("invalid_scope", $"Every requested scope was dropped: {string.Join(' ', disallowed)} are not allowed for this client.");
            }

            requested = allowed;
        }

        return TokenResult.Ok(new JsonObject
        {
            ["access_token"] = pool.TokenIssuer.ClientAccessToken(client.ClientId, requested, client.IssuedAccessTokenLifetime),
            ["expires_in"] = (long)client.IssuedAccessTokenLifetime.TotalSeconds,
            ["token_type"] = "Bearer",
        });
    }
}
