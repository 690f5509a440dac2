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

builder.Services.AddCalculatorMcpServer();
builder.Services.AddCalculatorCors(builder.Configuration); // opt-in: no origin is allowed unless listed in Cors:AllowedOrigins

var app = builder.Build();

// Behind a reverse proxy (docs/deployment.md): X-Forwarded-* headers, when ForwardedHeaders:Enabled is true.
if (ForwardedHeadersSettings.Apply(app) is { Count: > 0 } proxyErrors)
{
    return StartupErrors.Report("CalculatorServer", proxyErrors);
}

app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.MapCalculator().RequireCognitoMcpAuth(); // GET /health stays anonymous; /mcp takes Cognito access tokens
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
