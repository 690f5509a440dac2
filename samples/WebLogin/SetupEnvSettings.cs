namespace WebLogin;

/// <summary>
/// Maps setup.sh's .env onto the settings this app reads. Each sample keeps its own mapping on purpose: the server, the
/// M2M client and the web app read different settings from the same file, and the library itself reads no .env.
/// </summary>
internal static class SetupEnvSettings
{
    public static Dictionary<string, string?> ToWebLoginSettings(IConfiguration configuration)
    {
        var settings = new Dictionary<string, string?>();
        if (configuration["USER_POOL_ID"] is not { Length: > 0 })
        {
            return settings; // No .env: appsettings.json points at LocalCognito's development pool.
        }

        // setup.sh writes the pool's issuer (ISSUER); a .env from an older setup.sh lacks it for a real pool, and start-up
        // then says to run setup.sh again rather than guess.
        settings["Cognito:Authority"] = configuration["ISSUER"] ?? "";
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
