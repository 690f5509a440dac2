using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace M2MClient;

/// <summary>Finds the .env setup.sh writes and maps its variables onto the token client's settings.</summary>
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
