using System.ComponentModel;
using System.Security.Claims;
using ModelContextProtocol.Server;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>Tools of the test MCP server: one open to any authorized caller, one that needs my-api/write.</summary>
[McpServerToolType]
public sealed class TestTools
{
    [McpServerTool(Name = "echo"), Description("Echoes the message.")]
    public static string Echo(string message) => message;

    [McpServerTool(Name = "whoami"), Description("Describes the caller.")]
    public static string WhoAmI(ClaimsPrincipal user) => string.Join('|',
        user.Identity?.Name ?? "",
        user.FindFirst(CognitoClaimTypes.ClientId)?.Value ?? "",
        string.Join(' ', user.FindAll(CognitoClaimTypes.Scope).Select(c => c.Value)),
        string.Join(' ', user.FindAll(CognitoClaimTypes.Groups).Where(c => user.IsInRole(c.Value)).Select(c => c.Value)))
        + (user.FindFirst("tenant") is { } tenant ? "|tenant=" + tenant.Value : ""); // a claim an application's event added

    [McpServerTool(Name = "reset"), Description("Needs my-api/write."), RequireScope("write")]
    public static string Reset() => "reset done";
}
