namespace Cognito.Mcp.Auth.Testing;

internal static class Placeholder;
