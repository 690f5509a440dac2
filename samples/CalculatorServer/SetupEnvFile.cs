using System.Reflection;

namespace CalculatorServer;

/// <summary>Finds the .env setup.sh writes and maps its variables onto the Cognito settings this server reads.</summary>
internal static class SetupEnvFile
{
    /// <summary>
    /// The .env to read: the file SETUP_ENV_FILE names (one written with <c>setup.sh --env-file</c>), else the first
    /// .env in this sample's folder or in setup.sh's folder (the repository root, where setup.sh writes it), both
    /// recorded at build time (see the .csproj). Never the working directory or its parents; null when there is none.
    /// </summary>
    public static string? Find() =>
        Environment.GetEnvironmentVariable("SETUP_ENV_FILE") is { Length: > 0 } named
            ? named
            : typeof(SetupEnvFile).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Where(folder => folder.Key == "SetupEnvFileFolder" && !string.IsNullOrEmpty(folder.Value))
                .Select(folder => Path.Combine(folder.Value!, ".env"))
                .FirstOrDefault(File.Exists);

    public static Dictionary<string, string?> ToServerSettings(IConfiguration configuration)
    {
        var settings = new Dictionary<string, string?>();
        if (configuration["USER_POOL_ID"] is not { Length: > 0 } poolId)
        {
            return settings; // No .env: appsettings.json points at LocalCognito.
        }

        var region = configuration["REGION"];
        settings["Cognito:UserPoolId"] = poolId;
        settings["Cognito:Region"] = region;
        // ISSUER is written only when setup.sh ran against LocalCognito (--endpoint-url).
        settings["Cognito:Issuer"] = configuration["ISSUER"] is { Length: > 0 } issuer
            ? issuer
            : $"https://cognito-idp.{region}.amazonaws.com/{poolId}";
        settings["Cognito:AllowedClientIds:0"] = configuration["CONFIDENTIAL_CLIENT_ID"];
        settings["Cognito:AllowedClientIds:1"] = configuration["PUBLIC_CLIENT_ID"];

        // The development pool's bridge client (appsettings.json) exists only in LocalCognito: a .env without a bridge
        // client (written by an older setup.sh) turns the bridge off rather than point it at a client the pool lacks.
        settings["Cognito:AuthorizationBridge:ClientId"] = configuration["BRIDGE_CLIENT_ID"] ?? "";
        settings["Cognito:AuthorizationBridge:ClientSecret"] = configuration["BRIDGE_CLIENT_SECRET"] ?? "";
        if (configuration["MCP_SERVER_URL"] is { Length: > 0 } serverUrl)
        {
            settings["Cognito:Resource"] = serverUrl.TrimEnd('/') + "/mcp";
        }
        return settings;
    }
}
