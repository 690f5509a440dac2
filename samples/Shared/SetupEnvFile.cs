using System.Reflection;

namespace Cognito.Mcp.Auth.Samples;

/// <summary>Finds the .env that setup.sh writes. Each sample maps its variables onto its own settings (SetupEnvSettings).</summary>
internal static class SetupEnvFile
{
    /// <summary>
    /// The .env to read: the file SETUP_ENV_FILE names (one written with <c>setup.sh --env-file</c>), else the first
    /// .env in the sample's folder or in setup.sh's folder (the repository root, where setup.sh writes it), both
    /// recorded at build time (SetupEnvFile.props). Never the working directory or its parents; null when there is none.
    /// </summary>
    public static string? Find() =>
        Environment.GetEnvironmentVariable("SETUP_ENV_FILE") is { Length: > 0 } named
            ? named
            : typeof(SetupEnvFile).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Where(folder => folder.Key == "SetupEnvFileFolder" && !string.IsNullOrEmpty(folder.Value))
                .Select(folder => Path.Combine(folder.Value!, ".env"))
                .FirstOrDefault(File.Exists);
}
