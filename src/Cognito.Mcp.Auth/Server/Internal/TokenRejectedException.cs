using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>A refusal decided by our own checks (size, token_use, client_id, request shape); never carries the token.</summary>
internal sealed class TokenRejectedException(TokenFailure failure) : SecurityTokenValidationException(TokenFailures.Describe(failure))
{
    public TokenFailure Failure { get; } = failure;
}
