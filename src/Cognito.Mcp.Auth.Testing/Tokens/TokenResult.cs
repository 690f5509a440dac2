using System.Text.Json.Nodes;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>A grant's outcome: the JSON body, or an OAuth error code with a reason for the log.</summary>
/// <param name="Body">The success body.</param>
/// <param name="Error">The OAuth error code.</param>
/// <param name="Reason">Why, for LocalCognito's log (never a secret).</param>
/// <param name="Description">The <c>error_description</c> to send, if any.</param>
internal sealed record TokenResult(JsonObject? Body, string? Error, string? Reason, string? Description)
{
    public static TokenResult Ok(JsonObject body) => new(body, null, null, null);

    // Cognito mostly answers a bare {"error": "…"}; the reason goes to the log only.
    public static TokenResult Fail(string error, string? reason, string? description = null) => new(null, error, reason, description);
}
