using Microsoft.Extensions.Configuration;

namespace M2MClient;

/// <summary>Maps the variables setup.sh writes to .env onto the token client's settings.</summary>
internal static class SetupEnvFile
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
