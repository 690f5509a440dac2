using System.Globalization;
using System.Text.Json;
using Cognito.Mcp.Auth.Internal;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>A successful token endpoint response (RFC 6749 section 5.1), read strictly: anything else is a problem.</summary>
internal sealed record TokenResponse(string AccessToken, TimeSpan? ExpiresIn, string? Scope)
{
    /// <summary>The longest lifetime Cognito gives an access token: one day.</summary>
    public static readonly TimeSpan MaxExpiresIn = TimeSpan.FromDays(1);

    /// <summary>Reads a response body; <paramref name="problem"/> says what is wrong when it returns <see langword="null"/>.</summary>
    public static TokenResponse? Parse(byte[] body, out string problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            problem = "the body is not JSON";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the body is not a JSON object";
                return null;
            }

            if (JsonProperties.GetString(root, "access_token") is not { Length: > 0 } token)
            {
                problem = "access_token is missing or not a string";
                return null;
            }

            if (root.TryGetProperty("token_type", out var tokenType)
                && !(JsonProperties.TryGetString(tokenType, out var type) && string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase)))
            {
                problem = "token_type is not Bearer";
                return null;
            }

            string? scope = null;
            if (root.TryGetProperty("scope", out var scopeValue))
            {
                if (!JsonProperties.TryGetString(scopeValue, out var granted))
                {
                    problem = "scope is not a string";
                    return null;
                }

                scope = granted;
            }

            TimeSpan? expiresIn = null;
            if (root.TryGetProperty("expires_in", out var expires))
            {
                if (!TryGetSeconds(expires, out var seconds) || !(seconds >= 1 && seconds <= MaxExpiresIn.TotalSeconds))
                {
                    problem = $"expires_in is not a number of seconds from 1 to {MaxExpiresIn.TotalSeconds:0}";
                    return null;
                }

                expiresIn = TimeSpan.FromSeconds(seconds);
            }

            problem = string.Empty;
            return new TokenResponse(token, expiresIn, scope);
        }
    }

    // RFC 6749 says a number; some servers send it as a string, which is accepted when it holds one.
    private static bool TryGetSeconds(JsonElement value, out double seconds)
    {
        seconds = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out seconds),
            JsonValueKind.String => JsonProperties.TryGetString(value, out var text)
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds),
            _ => false,
        };
    }
}
