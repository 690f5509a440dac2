using System.CommandLine;
using Cognito.Mcp.Auth.Client;
using DotNetEnv.Configuration;
using M2MClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var tokenOption = new Option<string?>("--token") { Description = "Use this access token instead of getting one from Cognito." };
var serverOption = new Option<Uri?>("--server")
{
    Description = "The MCP endpoint (default: Mcp:ServerUrl, http://localhost:8080/mcp).",
    CustomParser = result =>
    {
        if (Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"--server must be an absolute http(s) URL, such as http://localhost:8080/mcp; got '{result.Tokens[0].Value}'.");
        return null;
    },
};
var verboseOption = new Option<bool>("--verbose") { Description = "Also log what the token client and HTTP clients do (Debug level, on stderr)." };
var root = new RootCommand("Calls the Cognito-protected CalculatorServer with a machine-to-machine token.") { tokenOption, serverOption, verboseOption };
root.SetAction((parse, cancellationToken) =>
    RunAsync(parse.GetValue(tokenOption), parse.GetValue(serverOption), parse.GetValue(verboseOption), cancellationToken));
return await root.Parse(args).InvokeAsync();

static async Task<int> RunAsync(string? token, Uri? server, bool verbose, CancellationToken cancellationToken)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
    // The .env written by setup.sh (real Cognito) overrides appsettings.json (LocalCognito's development pool). It is
    // looked for in this sample's folder and the repository root only, never in the working directory (SetupEnvFile.Find).
    // user-secrets and environment variables override both.
    if (SetupEnvFile.Find() is { } envFile)
    {
        builder.Configuration.AddDotNetEnv(envFile);
    }

    builder.Configuration.AddInMemoryCollection(SetupEnvSettings.ToClientSettings(builder.Configuration));
    builder.Configuration.AddUserSecrets(typeof(CalculatorDemo).Assembly, optional: true);
    builder.Configuration.AddEnvironmentVariables();

    // The story goes to stdout and one clear error to stderr; library logs (retries, stack traces) only with --verbose.
    builder.Logging.ClearProviders();
    if (verbose)
    {
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFilter("Cognito.Mcp.Auth", LogLevel.Debug).AddFilter("Polly", LogLevel.Debug).AddFilter("System.Net.Http.HttpClient", LogLevel.Debug);
    }

    builder.Services.AddCognitoTokenClient(builder.Configuration.GetSection("Cognito"));
    builder.Services.AddSharedTokenCache(builder.Configuration); // TokenCache:Redis, off by default
    builder.Services.AddTransient<ChallengeRecorder>();
    builder.Services.AddHttpClient("mcp").AddCognitoAccessTokenHandler().AddHttpMessageHandler<ChallengeRecorder>();
    builder.Services.AddHttpClient("mcp-static-token").AddHttpMessageHandler<ChallengeRecorder>();
    using var host = builder.Build();

    server ??= new Uri(builder.Configuration["Mcp:ServerUrl"] ?? "http://localhost:8080/mcp");
    var tokenEndpointIsLocal = Uri.TryCreate(builder.Configuration["Cognito:TokenEndpoint"], UriKind.Absolute, out var endpoint) && endpoint.IsLoopback;
    var demo = new CalculatorDemo(host.Services, server, Console.Out, Console.Error, tokenEndpointIsLocal);
    return await demo.RunAsync(token, cancellationToken);
}
