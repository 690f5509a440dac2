namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>The builds of the calculator server that a load run compares; they differ only in authentication.</summary>
internal enum ServerVariant
{
    /// <summary>No authentication at all: the baseline.</summary>
    Open,

    /// <summary>As the sample runs it: <c>AddCognitoMcpAuth()</c>, <c>UseAuthentication()</c>, <c>RequireCognitoMcpAuth()</c>.</summary>
    Protected,

    /// <summary>Without this library: JwtBearer and the MCP SDK's scheme, as a developer writes them (<see cref="HandWrittenJwtBearer"/>).</summary>
    HandWritten,
}
