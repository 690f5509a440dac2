namespace CalculatorServer;

/// <summary>
/// The calculator server without its configuration and authentication: the MCP server with its tools, the CORS policy
/// and the endpoints. Program.cs puts authentication around it; the load run (benchmarks/Cognito.Mcp.Auth.LoadTest)
/// builds it with other authentication, or none, so what it measures is this sample and not a copy of it.
/// </summary>
public static class CalculatorApp
{
    /// <summary>
    /// Adds the MCP server: the six <see cref="CalculatorTools"/> over stateless Streamable HTTP, the SDK's
    /// authorization filters (<c>[Authorize]</c> on tools), and one Information log line per tool call naming the
    /// caller's client id (never the token).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The MCP server builder, to add more tools or filters.</returns>
    public static IMcpServerBuilder AddCalculatorMcpServer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddMcpServer(options =>
            {
                options.ServerInfo = new() { Name = "CalculatorApp", Version = "1.0.0" };
                options.ServerInstructions =
                    "A calculator. Tools: add(a, b), subtract(a, b), multiply(a, b), divide(a, b), power(base, exponent), square_root(number).";
            })
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools<CalculatorTools>()
            .AddAuthorizationFilters()
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                var logger = context.Services!.GetRequiredService<ILoggerFactory>().CreateLogger("CalculatorServer.ToolCalls");
                logger.LogInformation("Tool {Tool} called by client {ClientId}", context.Params?.Name, context.User?.FindFirst("client_id")?.Value);
                return await next(context, cancellationToken);
            }));
    }

    /// <summary>
    /// Adds the default CORS policy for browser-based MCP clients. Opt-in: no origin is allowed unless listed in
    /// <c>Cors:AllowedOrigins</c>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The configuration holding <c>Cors:AllowedOrigins</c>.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCalculatorCors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        return services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "Accept", "Mcp-Session-Id", "Mcp-Protocol-Version", "Last-Event-ID")
            .WithExposedHeaders("WWW-Authenticate", "Mcp-Session-Id")));
    }

    /// <summary>
    /// Maps <c>GET /health</c> (anonymous, <c>{"status":"healthy"}</c>) and the MCP endpoint at <c>/mcp</c>.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <returns>The MCP endpoint, for the caller to state who may call it (<c>RequireCognitoMcpAuth()</c>).</returns>
    public static IEndpointConventionBuilder MapCalculator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Serialized through the source-generated CalculatorJson: a native AOT build has no reflection-based JSON.
        endpoints.MapGet("/health", () => TypedResults.Json(new HealthStatus("healthy"), CalculatorJson.Default.HealthStatus));
        return endpoints.MapMcp("/mcp");
    }
}
