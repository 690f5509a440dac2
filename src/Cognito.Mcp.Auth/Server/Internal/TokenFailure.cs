namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>Why a request's token was refused; decides the status, the RFC 6750 error and its description.</summary>
internal enum TokenFailure
{
    Invalid,
    Malformed,
    TooLarge,
    Expired,
    NotYetValid,
    InvalidSignature,
    UnknownSigningKey,
    InvalidIssuer,
    InvalidAlgorithm,
    InvalidAudience,
    NotAnAccessToken,
    ClientNotAllowed,
    SigningKeysUnavailable,
    TokenInQueryString,
    MultipleAuthorizationHeaders,
    ClaimOfWrongType,
    MissingIssuedAt,
    UnsupportedCriticalHeader,
    RefusedByApplication,
}
