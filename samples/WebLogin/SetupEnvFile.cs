namespace WebLogin;

/// <summary>Maps the variables setup.sh writes to .env onto the settings this app reads.</summary>
internal static class SetupEnvFile
{
    public static Dictionary<string, string?> ToWebLoginSettings(IConfiguration configuration)
    {
        var settings = new Dictionary<string, string?>();
        if (configuration["USER_POOL_ID"] is not { Length: > 0 } poolId)
        {
            return settings; // No .env: appsettings.json points at LocalCognito's development pool.
        }

        // ISSUER is written only when setup.sh ran against LocalCognito (--endpoint-url).
        settings["Cognito:Authority"] = configuration["ISSUER"] is { Length: > 0 } issuer
            ? issuer
            : $"https://cognito-idp.{configuration["REGION"]}.amazonaws.com/{poolId}";
        settings["Cognito:Domain"] = configuration["DOMAIN"];
        settings["Cognito:ClientId"] = configuration["PUBLIC_CLIENT_ID"];
        settings["Cognito:ClientSecret"] = configuration["PUBLIC_CLIENT_SECRET"];
        settings["Cognito:RedirectUri"] = configuration["REDIRECT_URI"];
        settings["Cognito:LogoutUri"] = configuration["LOGOUT_URI"];
        settings["M2M:Domain"] = configuration["DOMAIN"];
        settings["M2M:ClientId"] = configuration["CONFIDENTIAL_CLIENT_ID"];
        settings["M2M:ClientSecret"] = configuration["CONFIDENTIAL_CLIENT_SECRET"];
        return settings;
    }
}
