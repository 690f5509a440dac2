namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// A pool's password policy as <c>CreateUserPool</c> set it; a pool without one has Cognito's default (8 characters,
/// every character class), which <see cref="CognitoValidation.Password"/> applies.
/// </summary>
internal sealed record PasswordPolicy(int MinimumLength, bool RequireUppercase, bool RequireLowercase, bool RequireNumbers, bool RequireSymbols);
