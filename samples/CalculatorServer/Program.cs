using CalculatorServer;
using DotNetEnv.Configuration;

var builder = WebApplication.CreateBuilder(args);

// The .env written by setup.sh (real Cognito) overrides appsettings.json (LocalCognito's development pool). It is
// looked for in this sample's folder and the repository root only, never in the working directory (SetupEnvFile.Find).
if (SetupEnvFile.Find() is { } envFile)
{
    builder.Configuration.AddDotNetEnv(envFile);
}

builder.Configuration.AddInMemoryCollection(SetupEnvFile.ToServerSettings(builder.Configuration));
if (builder.Environment.IsDevelopment())
{
    builder.Configuration.AddUserSecrets<Program>(optional: true); // user-secrets beat .env, as in any ASP.NET Core app
}

builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);

builder.Services.AddCognitoMcpAuth();
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
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/health", () => TypedResults.Ok(new HealthStatus("healthy")));
app.MapMcp("/mcp").RequireCognitoMcpAuth();

// A configuration mistake (the Cognito section is checked at start-up) ends here: its messages, exit code 1.
if (StartupErrors.Validate(app.Services) is { Count: > 0 } errors)
{
    return StartupErrors.Report("CalculatorServer", errors);
}

app.Run();
return 0;

public partial class Program;
