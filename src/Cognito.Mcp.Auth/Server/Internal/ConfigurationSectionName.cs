namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>The configuration section the server options were bound from, so start-up errors name the setting as written.</summary>
internal sealed record ConfigurationSectionName(string Path);
