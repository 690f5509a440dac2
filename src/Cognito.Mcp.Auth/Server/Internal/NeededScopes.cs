using Microsoft.AspNetCore.Authentication;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>Carries the scopes a refused request needed to the 403 challenge, in the authentication properties.</summary>
internal static class NeededScopes
{
    private const string Key = "Cognito.Mcp.Auth.NeededScopes";

    public static AuthenticationProperties ToProperties(IReadOnlyList<string> scopes)
    {
        var properties = new AuthenticationProperties();
        properties.SetParameter(Key, scopes);
        return properties;
    }

    public static IReadOnlyList<string>? FromProperties(AuthenticationProperties? properties) =>
        properties?.GetParameter<IReadOnlyList<string>>(Key);
}
