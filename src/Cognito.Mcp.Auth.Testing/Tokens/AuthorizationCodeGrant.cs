using System.Security.Cryptography;
using System.Text;
using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// <c>grant_type=authorization_code</c>: redeems a code once, checking client, expiry, <c>redirect_uri</c> and the
/// PKCE verifier, and answers ID, access and refresh tokens.
/// </summary>
internal static class AuthorizationCodeGrant
{
    public static TokenResult Handle(LocalUserPool pool, LocalAppClient client, IFormCollection form)
    {
        if (!client.Allows(LocalOAuthFlows.Code))
        {
            return TokenResult.Fail("unauthorized_client", "The code flow is not enabled for this client.");
        }

        if (form.Value("code") is not { } codeValue || form.Value("redirect_uri") is not { } redirectUri)
        {
            return TokenResult.Fail("invalid_request", "code and redirect_uri are required.");
        }

        // Removed before any check: a code is redeemable once, whoever presents it.
        if (!pool.Sessions.Codes.TryRemove(codeValue, out var code)
            || code.ClientId != client.ClientId
            || code.ExpiresAt <= pool.TimeProvider.GetUtcNow())
        {
            return TokenResult.Fail("invalid_grant", "Unknown, used, expired or foreign authorization code.");
        }

        // cognito-wire.md lists a redirect_uri mismatch under unauthorized_client (RFC 6749 would say invalid_grant).
        if (!string.Equals(code.RedirectUri, redirectUri, StringComparison.Ordinal))
        {
            return TokenResult.Fail("unauthorized_client", "redirect_uri differs from the one sent to /oauth2/authorize.");
        }

        if (code.CodeChallenge is not null && !VerifierMatches(code, form.Value("code_verifier")))
        {
            return TokenResult.Fail("invalid_grant", "The PKCE code_verifier does not match the code_challenge.");
        }

        var (access, id) = pool.TokenIssuer.UserTokens(client, code.SignIn, code.Scopes, code.Nonce, code.Resource);
        var refresh = UserTokens.NewRefreshToken(pool, client, code.SignIn, code.Scopes, code.Resource);
        return TokenResult.Ok(UserTokens.Body(client, access, id, refresh));
    }

    private static bool VerifierMatches(AuthorizationCode code, string? verifier)
    {
        if (verifier is null || verifier.Length is < 43 or > 128)
        {
            return false;
        }

        var expected = code.CodeChallengeMethod == "S256"
            ? Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            : verifier;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(code.CodeChallenge!));
    }
}
