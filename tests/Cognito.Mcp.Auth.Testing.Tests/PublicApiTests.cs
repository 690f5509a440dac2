using System.Reflection;
using PublicApiGenerator;
using Snapshooter;
using Snapshooter.Xunit3;

namespace Cognito.Mcp.Auth.Testing.Tests;

/// <summary>
/// The public API of Cognito.Mcp.Auth.Testing, tracked as Cognito.Mcp.Auth's is (same generator, options and snapshot
/// shape): an accidental change fails this test. Review the new snapshot, then commit it (delete the old .snap to
/// regenerate) when the change is intended.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Library = typeof(LocalCognito).Assembly;

    // Extension methods would live in Microsoft.* namespaces, which the generator leaves out unless allowed; the same
    // options as the library's test keep the two snapshots comparable.
    private static readonly ApiGeneratorOptions Options = new() { IncludeAssemblyAttributes = false, AllowNamespacePrefixes = ["Microsoft"] };

    [Fact]
    public void Cognito_Mcp_Auth_Testing_public_api_is_unchanged() =>
        Snapshot.Match(Library.GeneratePublicApi(Options), SnapshotNameExtension.Create("txt"));

    [Fact]
    public void Public_classes_are_sealed_or_static()
    {
        var unsealed = Library.GetExportedTypes().Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName);

        Assert.Empty(unsealed);
    }
}
