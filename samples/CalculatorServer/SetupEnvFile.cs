namespace CalculatorServer;

/// <summary>Maps the variables setup.sh writes to .env onto the Cognito settings this server reads.</summary>
internal static class SetupEnvFile
{
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
        return settings;
    }
}
