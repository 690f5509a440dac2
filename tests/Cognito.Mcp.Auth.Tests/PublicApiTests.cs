using PublicApiGenerator;
using Snapshooter;
using Snapshooter.Xunit3;

namespace Cognito.Mcp.Auth.Tests;

/// <summary>
/// The public API of Cognito.Mcp.Auth and Cognito.Mcp.Auth.StackExchangeRedis, tracked (Cognito.Mcp.Auth.Testing has its own in its test project): an accidental change fails this test. Review the new snapshot, then commit
/// it (delete the old .snap to regenerate) when the change is intended.
/// </summary>
public sealed class PublicApiTests
{
    // The extension methods live in Microsoft.* namespaces (AddCognitoMcpAuth, RequireCognitoMcpAuth…), which the
    // generator leaves out unless allowed.
    private static readonly ApiGeneratorOptions Options = new() { IncludeAssemblyAttributes = false, AllowNamespacePrefixes = ["Microsoft"] };

    [Fact]
    public void Cognito_Mcp_Auth_public_api_is_unchanged() =>
        Snapshot.Match(typeof(CognitoMcpAuthOptions).Assembly.GeneratePublicApi(Options), SnapshotNameExtension.Create("txt"));

    [Fact]
    public void Cognito_Mcp_Auth_StackExchangeRedis_public_api_is_unchanged() =>
        Snapshot.Match(typeof(Cognito.Mcp.Auth.Client.CognitoTokenRedisLockOptions).Assembly.GeneratePublicApi(Options), SnapshotNameExtension.Create("txt"));
}
