using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>RFC 7636 with S256 only: <c>plain</c> would hand the verifier to anyone who sees the authorize URL.</summary>
internal static class Pkce
{
    /// <summary>A fresh verifier: 32 random bytes, 43 characters.</summary>
    public static string NewVerifier() => RandomIds.New();

    public static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>RFC 7636 section 4.1: 43 to 128 characters of <c>[A-Za-z0-9-._~]</c>.</summary>
    public static bool IsWellFormedVerifier(string? verifier) =>
        verifier is { Length: >= 43 and <= 128 } && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>A challenge is the base64url of a SHA-256: 43 characters.</summary>
    public static bool IsWellFormedChallenge(string? challenge) =>
        challenge is { Length: 43 } && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool Matches(string challenge, string? verifier) =>
        IsWellFormedVerifier(verifier)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Challenge(verifier!)), Encoding.ASCII.GetBytes(challenge));
}
