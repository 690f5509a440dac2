using System.Security.Claims;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// The Cognito checks after signature, issuer and lifetime: <c>token_use</c> is <c>access</c>, <c>client_id</c> is
/// allowed, and <c>aud</c>, when present, is this resource. Run on every request (the allowed clients can change) and
/// before a token is remembered, so the validated-token cache holds only tokens that passed all of them.
/// </summary>
internal sealed class CognitoAccessTokenRules(CognitoMcpAuthOptions options, AllowedClients allowedClients)
{
    private readonly string? _resource = options.Resource;

    public TokenFailure? Check(ClaimsIdentity identity, out string? tokenUse, out string? clientId)
    {
        clientId = null;
        tokenUse = identity.FindFirst(CognitoClaimTypes.TokenUse)?.Value;
        if (!string.Equals(tokenUse, "access", StringComparison.Ordinal))
        {
            return TokenFailure.NotAnAccessToken;
        }

        clientId = identity.FindFirst(CognitoClaimTypes.ClientId)?.Value;
        if (string.IsNullOrEmpty(clientId) || !allowedClients.IsAllowed(clientId))
        {
            return TokenFailure.ClientNotAllowed;
        }

        foreach (var audience in identity.FindAll("aud"))
        {
            if (!string.Equals(audience.Value, _resource, StringComparison.Ordinal))
            {
                return TokenFailure.InvalidAudience;
            }
        }

        return null;
    }
}
