using Cognito.Mcp.Auth.Client.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// <c>POST {issuer}/oauth/register</c>: RFC 7591 dynamic registration of public clients, the compatibility path the
/// MCP 2026-07-28 profile keeps for clients without a metadata document. Bounded body, strict checks
/// (<see cref="ClientRegistrationReader"/>), a per-address rate limit, and registrations that expire when unused.
/// </summary>
internal sealed class RegistrationEndpoint
{
    private readonly BridgeSettings _settings;
    private readonly BridgeClients _clients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BridgeRateLimiter _limiter;

    public RegistrationEndpoint(BridgeSettings settings, BridgeRateLimiters limits, BridgeClients clients, TimeProvider time, ILoggerFactory loggers)
    {
        _settings = settings;
        _clients = clients;
        _time = time;
        _logger = loggers.CreateLogger(BridgeFlowLog.Category);
        _limiter = limits.Registration;
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!_limiter.TryAcquire(context))
        {
            BridgeFlowLog.RateLimited(_logger, "registration", BridgeRateLimiter.Partition(context));
            context.Response.Headers.RetryAfter = "60";
            await OAuthResults.JsonErrorAsync(context, StatusCodes.Status429TooManyRequests, "temporarily_unavailable", "Too many registrations from this address; try again in a minute.");
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await OAuthResults.JsonErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_client_metadata", "The body must be application/json.");
            return;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            await OAuthResults.JsonErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_client_metadata", $"The registration request is larger than {ClientRegistrationReader.MaxBodyBytes} bytes.");
            return;
        }

        var result = ClientRegistrationReader.Read(body);
        if (result.Error is { } error)
        {
            await OAuthResults.JsonErrorAsync(context, StatusCodes.Status400BadRequest, error.Error, error.Description);
            return;
        }

        var registration = result.Registration!;
        var client = registration.ToClient("mcp-" + RandomIds.New());
        await _clients.RegisterAsync(client, context.RequestAborted);
        BridgeFlowLog.ClientRegistered(_logger, client.ClientId, string.Join(' ', client.RedirectUris.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri.Scheme + "://" + uri.Host : "?").Distinct()));

        OAuthResults.NoStore(context.Response);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/json";
        await using var writer = new System.Text.Json.Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("client_id", client.ClientId);
        writer.WriteNumber("client_id_issued_at", _time.GetUtcNow().ToUnixTimeSeconds());
        writer.WriteStartArray("redirect_uris");
        foreach (var uri in client.RedirectUris)
        {
            writer.WriteStringValue(uri);
        }

        writer.WriteEndArray();
        writer.WriteString("token_endpoint_auth_method", "none");
        writer.WriteStartArray("grant_types");
        writer.WriteStringValue("authorization_code");
        writer.WriteStringValue("refresh_token");
        writer.WriteEndArray();
        writer.WriteStartArray("response_types");
        writer.WriteStringValue("code");
        writer.WriteEndArray();
        writer.WriteString("application_type", client.ApplicationType);
        if (client.ClientName is not null)
        {
            writer.WriteString("client_name", client.ClientName);
        }

        writer.WriteEndObject();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.ContentLength > ClientRegistrationReader.MaxBodyBytes
            ? null
            : await BoundedContent.ReadAsync(request.Body, ClientRegistrationReader.MaxBodyBytes, cancellationToken);
}
