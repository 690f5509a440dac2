using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Tests.Framework;

/// <summary>Decodes a compact JWT's header and payload without validating it.</summary>
internal static class Jwt
{
    public static JsonObject Header(string token) => Part(token, 0);

    /// <summary>The header exactly as signed, to compare bytes (a kid's <c>+</c> must not become <c>\u002B</c>).</summary>
    public static string RawHeader(string token) => Base64UrlEncoder.Decode(token.Split('.')[0]);

    public static JsonObject Payload(string token) => Part(token, 1);

    public static IEnumerable<string> ClaimNames(string token) => Payload(token).Select(p => p.Key);

    private static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[index]))!.AsObject();
}
