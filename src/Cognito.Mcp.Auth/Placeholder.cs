namespace Cognito.Mcp.Auth;

internal static class Placeholder;
