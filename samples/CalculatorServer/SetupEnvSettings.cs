namespace CalculatorServer;

/// <summary>
/// Maps setup.sh's .env onto the settings this server reads. Each sample keeps its own mapping on purpose: the server, the
/// M2M client and the web app read different settings from the same file, and the library itself reads no .env.
/// </summary>
internal static class SetupEnvSettings
{
    public static Dictionary<string, string?> ToServerSettings(IConfiguration configuration)
    {
        var settings = new Dictionary<string, string?>();
        if (configuration["USER_POOL_ID"] is not { Length: > 0 } poolId)
        {
            return settings; // No .env: appsettings.json points at LocalCognito.
        }

        settings["Cognito:UserPoolId"] = poolId;
        settings["Cognito:Region"] = configuration["REGION"];
        // Without ISSUER (a .env from an older setup.sh), null clears appsettings.json's LocalCognito issuer, and the
        // library derives Cognito's own from the region and pool id.
        settings["Cognito:Issuer"] = configuration["ISSUER"] is { Length: > 0 } issuer ? issuer : null;
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
