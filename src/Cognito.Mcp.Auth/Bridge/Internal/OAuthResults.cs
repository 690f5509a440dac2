using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>The bridge's answers: RFC 6749 JSON errors, error redirects (only ever to a registered URI), token bodies.</summary>
internal static class OAuthResults
{
    public static async Task JsonErrorAsync(HttpContext context, int status, string error, string description)
    {
        NoStore(context.Response);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("error", error);
        writer.WriteString("error_description", description);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Sends the user back to the client with an error (RFC 6749 section 4.1.2.1) and <c>iss</c> (RFC 9207). Callers
    /// pass a redirect URI that matched the client's registration: an unregistered one gets an error page instead.
    /// </summary>
    public static void RedirectError(HttpContext context, BridgeSettings settings, string redirectUri, string error, string description, string? state, int status = StatusCodes.Status302Found)
    {
        NoStore(context.Response);
        var query = new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description };
        if (state is not null)
        {
            query["state"] = state;
        }

        query["iss"] = settings.Issuer;
        context.Response.StatusCode = status;
        context.Response.Headers.Location = QueryHelpers.AddQueryString(redirectUri, query);
    }

    public static void RedirectCode(HttpContext context, BridgeSettings settings, string redirectUri, string code, string state)
    {
        NoStore(context.Response);
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = QueryHelpers.AddQueryString(
            redirectUri,
            new Dictionary<string, string?> { ["code"] = code, ["state"] = state, ["iss"] = settings.Issuer });
    }

    public static async Task TokensAsync(HttpContext context, string accessToken, TimeSpan expiresIn, string? refreshToken, IReadOnlyList<string> scopes)
    {
        NoStore(context.Response);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("access_token", accessToken);
        writer.WriteString("token_type", "Bearer");
        writer.WriteNumber("expires_in", Math.Max(1, (long)expiresIn.TotalSeconds));
        if (refreshToken is not null)
        {
            writer.WriteString("refresh_token", refreshToken);
        }

        writer.WriteString("scope", string.Join(' ', scopes));
        writer.WriteEndObject();
    }

    /// <summary>RFC 6749 section 5.1: token responses and anything carrying a code must not be cached.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
