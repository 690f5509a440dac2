using Microsoft.Extensions.Configuration;

namespace M2MClient;

/// <summary>
/// Maps setup.sh's .env onto the token client's settings. Each sample keeps its own mapping on purpose: the server, the
/// M2M client and the web app read different settings from the same file, and the library itself reads no .env.
/// </summary>
internal static class SetupEnvSettings
{
    public static Dictionary<string, string?> ToClientSettings(IConfiguration configuration)
    {
        var settings = new Dictionary<string, string?>();
        if (configuration["CONFIDENTIAL_CLIENT_ID"] is not { Length: > 0 } clientId)
        {
            return settings; // No .env: appsettings.json points at LocalCognito.
        }

        settings["Cognito:ClientId"] = clientId;
        settings["Cognito:ClientSecret"] = configuration["CONFIDENTIAL_CLIENT_SECRET"];
        settings["Cognito:TokenEndpoint"] = configuration["DOMAIN"]?.TrimEnd('/') + "/oauth2/token";
        return settings;
    }
}
