using System.Text.Json;
using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// Answers <c>tools/call</c> for a tool the caller lacks the scope for with HTTP 403 <c>insufficient_scope</c> before
/// the MCP server runs, so clients can step up. (The SDK's authorization filter alone answers with a JSON-RPC error
/// inside HTTP 200, which no client can act on.)
/// </summary>
internal sealed class ToolScopeGuard(IOptions<McpServerOptions> mcpOptions, ScopeAuthorizationHandler scopes, CognitoSchemes schemes, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(ServerLog.Category);

    // Requests that declare a larger Content-Length pass uninspected to the SDK's own authorization filter, which still
    // refuses a forbidden call (as a JSON-RPC error); chunked bodies larger than this are answered 413.
    private const int MaxInspectedBytes = 4 * 1024 * 1024;

    private Dictionary<string, IReadOnlyList<ScopeRequirement>>? _toolRequirements;

    public static RequestDelegate Wrap(RequestDelegate inner) => context =>
        context.RequestServices.GetRequiredService<ToolScopeGuard>().InvokeAsync(context, inner);

    // Not async itself: with no [RequireScope] tool (or no POST) the request goes straight on, with no state machine.
    private Task InvokeAsync(HttpContext context, RequestDelegate inner)
    {
        var requirements = _toolRequirements ??= ReadToolRequirements();
        return requirements.Count == 0 || !HttpMethods.IsPost(context.Request.Method) || context.Request.ContentLength is > MaxInspectedBytes
            ? inner(context)
            : InspectAsync(context, inner, requirements);
    }

    private async Task InspectAsync(HttpContext context, RequestDelegate inner, Dictionary<string, IReadOnlyList<ScopeRequirement>> requirements)
    {
        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxInspectedBytes);
        var toolNames = await ReadCalledToolsAsync(context.Request, context.RequestAborted);
        if (toolNames is null)
        {
            // A chunked body over the limit: the buffer is spent, so the request cannot be passed on intact.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        context.Request.Body.Position = 0;

        foreach (var tool in toolNames)
        {
            if (!requirements.TryGetValue(tool, out var toolRequirements))
            {
                continue;
            }

            foreach (var requirement in toolRequirements)
            {
                if (!scopes.IsMet(requirement, context.User))
                {
                    var needed = scopes.Needed(requirement, context.User);
                    ServerLog.ToolScopeMissing(_logger, context.User.FindFirst(CognitoClaimTypes.ClientId)?.Value ?? "(unknown)", tool, string.Join(' ', needed));
                    await context.ForbidAsync(schemes.For(context.User).Name, NeededScopes.ToProperties(needed));
                    return;
                }
            }
        }

        await inner(context);
    }

    private Dictionary<string, IReadOnlyList<ScopeRequirement>> ReadToolRequirements()
    {
        var result = new Dictionary<string, IReadOnlyList<ScopeRequirement>>(StringComparer.Ordinal);
        foreach (var tool in mcpOptions.Value.ToolCollection ?? [])
        {
            var found = tool.Metadata.OfType<RequireScopeAttribute>().SelectMany(a => a.GetRequirements()).OfType<ScopeRequirement>().ToList();
            if (found.Count > 0)
            {
                result[tool.ProtocolTool.Name] = found;
            }
        }

        return result;
    }

    /// <summary>
    /// Names of the tools a JSON-RPC message (or batch) calls; anything unparseable yields none and is left to the SDK;
    /// <see langword="null"/> when the body is larger than can be inspected.
    /// </summary>
    private static async Task<List<string>?> ReadCalledToolsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            var messages = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().ToList()
                : [document.RootElement];
            foreach (var message in messages)
            {
                if (message.ValueKind == JsonValueKind.Object
                    && message.TryGetProperty("method", out var method) && method.ValueEquals("tools/call")
                    && message.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                    && parameters.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    names.Add(name.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
        }
        catch (IOException)
        {
            return null;
        }

        return names;
    }
}
