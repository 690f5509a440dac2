namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>Marks the endpoints <c>RequireCognitoMcpAuth()</c> protected, so the start-up check can tell them apart.</summary>
internal sealed class CognitoMcpEndpointMetadata
{
    public static readonly CognitoMcpEndpointMetadata Instance = new();
}
