// LocalCognito: an offline Amazon Cognito with the deterministic development pool, for local development.
// NOT FOR PRODUCTION: its client secrets and demo password are public (see LocalCognitoDevelopmentPool).
using Cognito.Mcp.Auth.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// --allow-production is a bare flag, which the configuration command line provider cannot read.
var allowProductionFlag = args.Contains("--allow-production");
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [.. args.Where(a => a != "--allow-production")],
    ContentRootPath = AppContext.BaseDirectory,
    EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"),
});

if (builder.Environment.IsProduction() && !allowProductionFlag && !builder.Configuration.GetValue<bool>("LocalCognito:AllowProduction"))
{
    Console.Error.WriteLine("""
        LocalCognito refuses to start: the environment is Production.
        LocalCognito is a test double with PUBLIC secrets and passwords; it must never stand in for Amazon Cognito.
        Set DOTNET_ENVIRONMENT=Development (dotnet run does this through Properties/launchSettings.json), or, if you
        really mean it, pass --allow-production or set LocalCognito:AllowProduction=true.
        """);
    return 2;
}

// --urls (or LocalCognito:Urls) chooses the address; the default is loopback only.
var url = new Uri((builder.Configuration["urls"] ?? builder.Configuration["LocalCognito:Urls"] ?? $"http://127.0.0.1:{LocalCognitoDevelopmentPool.DefaultPort}").Split(';')[0]);
using var host = builder.Build();
await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(new LocalCognitoOptions
{
    Host = url.Host,
    Port = url.Port,
    LoggerFactory = host.Services.GetRequiredService<ILoggerFactory>(),
});

var pool = cognito.DevelopmentPool!;
Console.WriteLine($"""
    ==========================================================================================
     LocalCognito — an offline Amazon Cognito. FOR LOCAL DEVELOPMENT ONLY, NOT FOR PRODUCTION.
    ==========================================================================================
     Issuer            {pool.Issuer}
     Discovery         {pool.DiscoveryEndpoint}
     Domain            {pool.DomainUrl}
     Token endpoint    {pool.TokenEndpoint}
     Management API    {cognito.BaseAddress}  (aws cognito-idp ... --endpoint-url {cognito.BaseAddress})
     Health            {cognito.BaseAddress}/health
     Clients           web {LocalCognitoDevelopmentPool.WebClientId}
                       m2m {LocalCognitoDevelopmentPool.M2MClientId}
                       m2m-other-api {LocalCognitoDevelopmentPool.OtherApiM2MClientId}
     Demo user         {LocalCognitoDevelopmentPool.DemoUsername}
     Secrets and the demo password are in LocalCognitoDevelopmentPool (Cognito.Mcp.Auth.Testing) and
     samples/LocalCognito/README.md. Press Ctrl+C to stop.
    """);

await host.RunAsync();
return 0;
