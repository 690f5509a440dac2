using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// Writes a compact RS256 JWS exactly as Cognito does: header <c>{"kid":"…","alg":"RS256"}</c> with no <c>typ</c>,
/// and claims in the order given. <c>JsonWebTokenHandler.CreateToken</c> always adds <c>"typ":"JWT"</c> to the
/// header and re-orders claims, so the bytes are assembled here and signed with the key's own RSA instance.
/// </summary>
internal static class JwsWriter
{
    /// <summary>Cognito writes a kid's <c>+</c> as is; the default encoder would write <c>\u002B</c>.</summary>
    private static readonly JsonWriterOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(RsaSecurityKey key, IEnumerable<KeyValuePair<string, object>> claims)
    {
        var header = new ArrayBufferWriter<byte>(96);
        using (var writer = new Utf8JsonWriter(header, Unescaped))
        {
            writer.WriteStartObject();
            writer.WriteString("kid", key.KeyId);
            writer.WriteString("alg", "RS256");
            writer.WriteEndObject();
        }

        var payload = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(payload, Unescaped))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in claims)
            {
                writer.WritePropertyName(name);
                JsonSerializer.Serialize(writer, value, ClaimJson.For(name, value));
            }

            writer.WriteEndObject();
        }

        var signingInput = Base64UrlEncoder.Encode(header.WrittenSpan.ToArray()) + "." + Base64UrlEncoder.Encode(payload.WrittenSpan.ToArray());
        var rsa = key.Rsa ?? throw new InvalidOperationException("The signing key has no RSA private key.");
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>The OIDC <c>at_hash</c>: base64url of the left half of SHA-256 over the access token.</summary>
    public static string AtHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64UrlEncoder.Encode(hash.AsSpan(0, hash.Length / 2).ToArray());
    }
}
