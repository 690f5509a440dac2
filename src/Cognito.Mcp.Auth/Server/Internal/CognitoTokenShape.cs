using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// Accepts only the token shapes Cognito issues, before any cryptography: a JWS header with <c>alg</c> RS256 and
/// without <c>crit</c> (RFC 7515 section 4.1.11: no extension is understood here), <c>exp</c>, <c>iat</c> and <c>nbf</c> as JSON numbers,
/// <c>iss</c>, <c>token_use</c>, <c>client_id</c>, <c>scope</c> and <c>sub</c> as JSON strings (an array holding the
/// right value is still wrong), none of them twice, and <c>iat</c> present (RFC 9068 section 2.2 requires it, and
/// Cognito always sends it). IdentityModel alone reads a one-element array as its value and a numeric string as a date.
/// </summary>
internal static class CognitoTokenShape
{
    private const int MaxStackBytes = 4096;

    /// <summary>The failure, or <see langword="null"/> when the shape is Cognito's or the token is too broken to tell (IdentityModel then refuses it).</summary>
    public static TokenFailure? Check(string token)
    {
        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return null;
        }

        var header = token.AsSpan(0, firstDot);
        var payload = token.AsSpan(firstDot + 1, secondDot - firstDot - 1);
        return Inspect(header, isHeader: true) ?? Inspect(payload, isHeader: false);
    }

    private static TokenFailure? Inspect(ReadOnlySpan<char> encoded, bool isHeader)
    {
        var maxLength = Base64Url.GetMaxDecodedLength(encoded.Length);
        byte[]? rented = null;
        Span<byte> buffer = maxLength <= MaxStackBytes ? stackalloc byte[MaxStackBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            if (Base64Url.DecodeFromChars(encoded, buffer, out _, out var written) != OperationStatus.Done)
            {
                return null;
            }

            return isHeader ? InspectHeader(buffer[..written]) : InspectPayload(buffer[..written]);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader cannot unescape a name holding a lone surrogate (\udc00): not JSON Cognito writes.
            return TokenFailure.Malformed;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static TokenFailure? InspectHeader(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var rs256 = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("crit"u8))
            {
                return TokenFailure.UnsupportedCriticalHeader;
            }

            var isAlg = reader.ValueTextEquals("alg"u8);
            reader.Read();
            if (isAlg)
            {
                // IdentityModel reports none, HS256, RS384, PS256… as a bad signature; say what is wrong instead.
                rs256 = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("RS256"u8);
                if (!rs256)
                {
                    return TokenFailure.InvalidAlgorithm;
                }
            }

            reader.Skip();
        }

        return rs256 ? null : TokenFailure.InvalidAlgorithm;
    }

    private static TokenFailure? InspectPayload(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var seen = Claims.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (claim, expected) = Classify(ref reader);
            reader.Read();
            if (claim != Claims.None)
            {
                if ((seen & claim) != 0 || reader.TokenType != expected)
                {
                    return TokenFailure.ClaimOfWrongType;
                }

                seen |= claim;
            }

            reader.Skip();
        }

        return (seen & Claims.IssuedAt) == 0 ? TokenFailure.MissingIssuedAt : null;
    }

    private static (Claims Claim, JsonTokenType Expected) Classify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("exp"u8) ? (Claims.Expires, JsonTokenType.Number)
        : reader.ValueTextEquals("iat"u8) ? (Claims.IssuedAt, JsonTokenType.Number)
        : reader.ValueTextEquals("nbf"u8) ? (Claims.NotBefore, JsonTokenType.Number)
        : reader.ValueTextEquals("iss"u8) ? (Claims.Issuer, JsonTokenType.String)
        : reader.ValueTextEquals("token_use"u8) ? (Claims.TokenUse, JsonTokenType.String)
        : reader.ValueTextEquals("client_id"u8) ? (Claims.ClientId, JsonTokenType.String)
        : reader.ValueTextEquals("scope"u8) ? (Claims.Scope, JsonTokenType.String)
        : reader.ValueTextEquals("sub"u8) ? (Claims.Subject, JsonTokenType.String)
        : (Claims.None, JsonTokenType.None);

    [Flags]
    private enum Claims
    {
        None = 0,
        Expires = 1,
        IssuedAt = 2,
        NotBefore = 4,
        Issuer = 8,
        TokenUse = 16,
        ClientId = 32,
        Scope = 64,
        Subject = 128,
    }
}
