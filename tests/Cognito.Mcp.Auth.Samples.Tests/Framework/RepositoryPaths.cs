namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The repository's <c>setup.sh</c>.</summary>
    public static string SetupScript => Path.Combine(Root, "setup.sh");

    /// <summary>The built sample, in the same configuration as this test assembly (the project references build it).</summary>
    public static string SampleDll(string sample)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(Root, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.", path);
    }

    /// <summary>The built sample's folder (its content root), e.g. <c>samples/WebLogin/bin/Debug/net10.0</c>.</summary>
    public static string SampleOutput(string sample) => Path.GetDirectoryName(SampleDll(sample))!;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cognito.Mcp.Auth.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cognito.Mcp.Auth.sln not found above " + AppContext.BaseDirectory);
    }
}
