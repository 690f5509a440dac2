using CalculatorServer;
using DotNetEnv.Configuration;

var builder = WebApplication.CreateBuilder(args);

// The .env written by setup.sh (real Cognito) overrides appsettings.json (LocalCognito's development pool). It is
// looked for in this sample's folder and the repository root only, never in the working directory (SetupEnvFile.Find).
if (SetupEnvFile.Find() is { } envFile)
{
    builder.Configuration.AddDotNetEnv(envFile);
}

builder.Configuration.AddInMemoryCollection(SetupEnvSettings.ToServerSettings(builder.Configuration));
if (builder.Environment.IsDevelopment())
{
    builder.Configuration.AddUserSecrets<Program>(optional: true); // user-secrets beat .env, as in any ASP.NET Core app
}

builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);

builder.Services.AddCognitoMcpAuth();

// Interactive clients (VS Code, Claude, Cursor...) sign in through the authorization bridge when it has an app client:
// LocalCognito's development pool has one; setup.sh creates one in a real pool (docs/interactive-clients.md).
var bridge = builder.Configuration["Cognito:AuthorizationBridge:ClientId"] is { Length: > 0 };
if (bridge)
{
    builder.Services.AddCognitoAuthorizationBridge();
    builder.Services.AddSharedState(builder.Configuration); // several instances: SharedState:Redis (off by default)
}

builder.Services.AddMcpServer(options =>
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
        // The caller's client id, never the token.
        var logger = context.Services!.GetRequiredService<ILoggerFactory>().CreateLogger("CalculatorServer.ToolCalls");
        logger.LogInformation("Tool {Tool} called by client {ClientId}", context.Params?.Name, context.User?.FindFirst("client_id")?.Value);
        return await next(context, cancellationToken);
    }));

builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, CalculatorJson.Default));

// CORS is opt-in: no origin is allowed unless listed in Cors:AllowedOrigins.
var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
    .WithOrigins(origins)
    .WithMethods("GET", "POST", "DELETE")
    .WithHeaders("Authorization", "Content-Type", "Accept", "Mcp-Session-Id", "Mcp-Protocol-Version", "Last-Event-ID")
    .WithExposedHeaders("WWW-Authenticate", "Mcp-Session-Id")));

var app = builder.Build();

// Behind a reverse proxy (docs/deployment.md): X-Forwarded-* headers, when ForwardedHeaders:Enabled is true.
if (ForwardedHeadersSettings.Apply(app) is { Count: > 0 } proxyErrors)
{
    return StartupErrors.Report("CalculatorServer", proxyErrors);
}

app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/health", () => TypedResults.Ok(new HealthStatus("healthy")));
app.MapMcp("/mcp").RequireCognitoMcpAuth();
if (bridge)
{
    app.MapCognitoAuthorizationBridge();
}

// A configuration mistake (the Cognito sections are checked at start-up) ends here: its messages, exit code 1.
if (StartupErrors.Validate(app.Services) is { Count: > 0 } errors)
{
    return StartupErrors.Report("CalculatorServer", errors);
}

app.Run();
return 0;

public partial class Program;
