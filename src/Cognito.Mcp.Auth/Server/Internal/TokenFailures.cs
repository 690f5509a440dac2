using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>Maps validation exceptions to <see cref="TokenFailure"/> and each failure to its fixed public wording.</summary>
internal static class TokenFailures
{
    public static TokenFailure Classify(Exception? exception) => exception switch
    {
        TokenRejectedException rejected => rejected.Failure,
        SecurityTokenExpiredException => TokenFailure.Expired,
        SecurityTokenNotYetValidException => TokenFailure.NotYetValid,
        SecurityTokenSignatureKeyNotFoundException => TokenFailure.UnknownSigningKey,
        SecurityTokenInvalidAlgorithmException => TokenFailure.InvalidAlgorithm,
        SecurityTokenInvalidSignatureException => TokenFailure.InvalidSignature,
        SecurityTokenInvalidIssuerException => TokenFailure.InvalidIssuer,
        SecurityTokenInvalidAudienceException => TokenFailure.InvalidAudience,
        SecurityTokenMalformedException or SecurityTokenNoExpirationException or ArgumentException => TokenFailure.Malformed,
        // JwtBearer surfaces an unreachable OpenID configuration or JWKS as InvalidOperationException (IDX20803).
        InvalidOperationException or HttpRequestException or TaskCanceledException => TokenFailure.SigningKeysUnavailable,
        _ => TokenFailure.Invalid,
    };

    /// <summary>The error_description sent to the client: short, fixed, and never derived from the token.</summary>
    public static string Describe(TokenFailure failure) => failure switch
    {
        TokenFailure.Malformed => "The access token is malformed",
        TokenFailure.TooLarge => "The access token is too large",
        TokenFailure.Expired => "The access token expired",
        TokenFailure.NotYetValid => "The access token is not valid yet",
        TokenFailure.InvalidSignature => "The access token signature is invalid",
        TokenFailure.UnknownSigningKey => "The access token was signed with an unknown key",
        TokenFailure.InvalidIssuer => "The access token was issued by another issuer",
        TokenFailure.InvalidAlgorithm => "The access token is not signed with RS256",
        TokenFailure.InvalidAudience => "The access token was issued for another resource",
        TokenFailure.NotAnAccessToken => "The token is not an access token",
        TokenFailure.ClientNotAllowed => "The access token was issued to a client that is not allowed",
        TokenFailure.SigningKeysUnavailable => "The signing keys are unavailable; try again later",
        TokenFailure.TokenInQueryString => "Access tokens are accepted only in the Authorization header",
        TokenFailure.MultipleAuthorizationHeaders => "The request has more than one Authorization header",
        TokenFailure.ClaimOfWrongType => "The access token has a claim of the wrong type",
        TokenFailure.MissingIssuedAt => "The access token has no iat claim",
        TokenFailure.UnsupportedCriticalHeader => "The access token has a critical header parameter that is not supported",
        TokenFailure.RefusedByApplication => "The access token was refused by the server",
        _ => "The access token is invalid",
    };

    /// <summary>Malformed requests are RFC 6750 invalid_request (HTTP 400); everything else is invalid_token (HTTP 401).</summary>
    public static bool IsInvalidRequest(TokenFailure failure) =>
        failure is TokenFailure.TokenInQueryString or TokenFailure.MultipleAuthorizationHeaders;
}
