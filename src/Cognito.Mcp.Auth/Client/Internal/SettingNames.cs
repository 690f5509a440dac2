namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>Names a setting the way the user wrote it: <c>Cognito:ClientId</c> when bound from configuration.</summary>
internal static class SettingNames
{
    public static string For(CognitoTokenClientOptions options, string clientName, string property)
    {
        if (options.ConfigurationPath is { } path)
        {
            return path.Length == 0 ? property : $"{path}:{property}";
        }

        return clientName.Length == 0
            ? $"{nameof(CognitoTokenClientOptions)}.{property}"
            : $"{nameof(CognitoTokenClientOptions)}.{property} (token client '{clientName}')";
    }
}
