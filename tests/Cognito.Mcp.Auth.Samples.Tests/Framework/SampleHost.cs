namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// A built sample (e.g. <c>WebLogin</c>) running as its own process on a free port of 127.0.0.1, configured through
/// environment variables, with <c>SETUP_ENV_FILE=/dev/null</c> so no <c>.env</c> of the developer is read. Killed on dispose.
/// </summary>
internal sealed class SampleHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly ExternalProcess _process;
    private readonly string? _ownedWorkingDirectory;

    private SampleHost(ExternalProcess process, string? ownedWorkingDirectory, string baseAddress)
    {
        _process = process;
        _ownedWorkingDirectory = ownedWorkingDirectory;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the address the sample listens on, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseAddress { get; }

    public string Stdout => _process.Stdout;

    public string Stderr => _process.Stderr;

    /// <summary>Starts <c>samples/{sample}</c> and waits until it listens.</summary>
    /// <param name="sample">The sample's folder and assembly name.</param>
    /// <param name="environment">
    /// Settings, e.g. <c>Cognito__Authority</c>; <c>ASPNETCORE_ENVIRONMENT</c> defaults to Development, <c>SETUP_ENV_FILE</c>
    /// (the .env to read) to <c>/dev/null</c>; null removes a variable.
    /// </param>
    /// <param name="workingDirectory">The working directory; a new empty one by default.</param>
    public static async Task<SampleHost> StartAsync(string sample, IDictionary<string, string?> environment, string? workingDirectory = null)
    {
        var folder = RepositoryPaths.SampleOutput(sample);
        var directory = workingDirectory ?? Directory.CreateTempSubdirectory("sample-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_NOLOGO"] = "1",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["SETUP_ENV_FILE"] = "/dev/null",
        };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var process = ExternalProcess.Start(
            dotnet,
            [Path.Combine(folder, sample + ".dll"), "--urls", "http://127.0.0.1:0", "--contentRoot", folder],
            settings,
            directory);
        try
        {
            var line = await process.WaitForLineAsync(l => l.Contains("Now listening on: http://", StringComparison.Ordinal), StartTimeout);
            var url = line[(line.IndexOf("http://", StringComparison.Ordinal))..].Trim().TrimEnd('/');
            return new SampleHost(process, workingDirectory is null ? directory : null, url);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (_ownedWorkingDirectory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_ownedWorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }
}
