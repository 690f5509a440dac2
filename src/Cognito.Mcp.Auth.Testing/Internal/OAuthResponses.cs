using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>Writes the OAuth endpoints' JSON answers the way Cognito does.</summary>
internal static class OAuthResponses
{
    /// <summary>An OAuth error: <c>{"error":"…"}</c>, with <c>error_description</c> only when given.</summary>
    public static Task ErrorAsync(HttpContext context, string error, string? description = null, int status = StatusCodes.Status400BadRequest)
    {
        var body = new JsonObject { ["error"] = error };
        if (description is not null)
        {
            body["error_description"] = description;
        }

        return JsonAsync(context, body, status);
    }

    public static Task JsonAsync(HttpContext context, JsonNode body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        context.Response.Headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
        context.Response.Headers.Pragma = "no-cache";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
