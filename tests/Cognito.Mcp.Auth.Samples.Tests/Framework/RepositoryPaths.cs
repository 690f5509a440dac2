using System.Reflection;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>Where the repository, setup.sh and the built samples are (recorded at build time by the .csproj).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string SetupScript => Path.Combine(Root, "setup.sh");

    /// <summary>The built sample's folder, e.g. <c>samples/WebLogin/bin/Debug/net10.0</c>, checked to hold its dll.</summary>
    public static string SampleOutput(string sample)
    {
        var folder = Path.Combine(Root, "samples", sample, Metadata("SampleOutputFolder"));
        var dll = Path.Combine(folder, sample + ".dll");
        return File.Exists(dll)
            ? folder
            : throw new FileNotFoundException($"{dll} is missing: the test project references samples/{sample}, so 'dotnet build' should have built it.", dll);
    }

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
