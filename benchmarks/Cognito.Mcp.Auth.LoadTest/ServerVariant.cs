namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>The two builds of the calculator server that a load run compares.</summary>
internal enum ServerVariant
{
    /// <summary>No authentication at all: the baseline.</summary>
    Open,

    /// <summary>As the sample runs it: <c>AddCognitoMcpAuth()</c>, <c>UseAuthentication()</c>, <c>RequireCognitoMcpAuth()</c>.</summary>
    Protected,
}
