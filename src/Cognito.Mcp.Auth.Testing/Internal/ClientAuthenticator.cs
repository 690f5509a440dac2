using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// Authenticates the client at the token and revoke endpoints: <c>client_secret_basic</c>, <c>client_secret_post</c>,
/// or a bare <c>client_id</c> for public clients.
/// </summary>
/// <remarks>
/// Assumed (unsure): every failure is <c>400 {"error":"invalid_client"}</c>, although RFC 6749 suggests 401 for Basic
/// and some Cognito deployments are reported to answer 401. The Basic header wins when both forms are sent; a body
/// <c>client_id</c> that differs from it is refused.
/// </remarks>
internal static class ClientAuthenticator
{
    public static (LocalAppClient? Client, string? Failure) Authenticate(HttpContext context, IFormCollection form, LocalUserPool pool)
    {
        string? clientId;
        string? secret;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!TryParseBasic(authorization, out clientId, out secret))
            {
                return (null, "The Authorization header is not valid HTTP Basic credentials.");
            }

            if (form.Value("client_id") is { } bodyId && bodyId != clientId)
            {
                return (null, "client_id in the body differs from the Basic credentials.");
            }
        }
        else
        {
            clientId = form.Value("client_id");
            secret = form.Value("client_secret");
        }

        if (clientId is null)
        {
            return (null, "No client authentication was included.");
        }

        var client = pool.FindClient(clientId);
        if (client is null)
        {
            return (null, "Unknown client.");
        }

        if (client.ClientSecret is null)
        {
            return secret is null ? (client, null) : (null, "A public client sent a secret.");
        }

        return secret is not null && FixedTimeEquals(secret, client.ClientSecret)
            ? (client, null)
            : (null, "Missing or wrong client secret.");
    }

    private static bool TryParseBasic(string header, out string? clientId, out string? secret)
    {
        clientId = secret = null;
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return false;
        }

        var bytes = new byte[value.Parameter.Length];
        if (!Convert.TryFromBase64String(value.Parameter, bytes, out var length))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        // RFC 6749 §2.3.1 form-encodes both parts; Cognito's ids and secrets are alphanumeric, so decoding is harmless.
        clientId = Uri.UnescapeDataString(decoded[..colon]);
        secret = Uri.UnescapeDataString(decoded[(colon + 1)..]);
        return true;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
