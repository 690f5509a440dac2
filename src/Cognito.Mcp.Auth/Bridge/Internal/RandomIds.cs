using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>Unguessable identifiers: 256 random bits, base64url (43 characters).</summary>
internal static class RandomIds
{
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}
