using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.Setup;

/// <summary>
/// Where the samples look for setup.sh's .env: their own folder, then the repository root (setup.sh's default), never
/// the working directory or its parents. Shown with CalculatorServer, whose protected resource metadata names the
/// issuer it trusts. These tests start it without <c>SETUP_ENV_FILE</c>; every other test sets it, so the .env files
/// written here into the repository (one test at a time, removed afterwards) reach no other test.
/// </summary>
public sealed class EnvFileLocationTests
{
    private const string PoolId = "us-east-1_EnvFile01";
    private const string Issuer = "http://127.0.0.1:9/" + PoolId; // Never contacted: the metadata only names it.

    private static readonly string SampleEnvFile = Path.Combine(RepositoryPaths.Root, "samples", "CalculatorServer", ".env");
    private static readonly string RootEnvFile = Path.Combine(RepositoryPaths.Root, ".env");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Env_file_in_the_working_directory_or_its_parent_is_not_read()
    {
        var parent = Directory.CreateTempSubdirectory("env-file-parent-").FullName;
        try
        {
            var workingDirectory = Directory.CreateDirectory(Path.Combine(parent, "work")).FullName;
            File.WriteAllText(Path.Combine(parent, ".env"), EnvFileContent);
            File.WriteAllText(Path.Combine(workingDirectory, ".env"), EnvFileContent);

            var trusted = await TrustedIssuerAsync(workingDirectory);

            Assert.NotEqual(Issuer, trusted); // The LocalCognito default, or whatever a real .env of yours says.
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Env_file_at_the_repository_root_where_setup_sh_writes_it_is_read()
    {
        Assert.SkipWhen(File.Exists(RootEnvFile) || File.Exists(SampleEnvFile), $"A .env of your own is at {RootEnvFile} or {SampleEnvFile}; this test never overwrites it.");
        WriteNew(RootEnvFile);
        try
        {
            Assert.Equal(Issuer, await TrustedIssuerAsync(workingDirectory: null));
        }
        finally
        {
            File.Delete(RootEnvFile);
        }
    }

    [Fact]
    public async Task Env_file_in_the_samples_own_folder_is_read_before_the_repository_roots()
    {
        Assert.SkipWhen(File.Exists(SampleEnvFile), $"A .env of your own is at {SampleEnvFile}; this test never overwrites it.");
        WriteNew(SampleEnvFile);
        try
        {
            Assert.Equal(Issuer, await TrustedIssuerAsync(workingDirectory: null));
        }
        finally
        {
            File.Delete(SampleEnvFile);
        }
    }

    [Fact]
    public async Task Env_file_without_an_issuer_makes_the_server_trust_the_issuer_cognito_uses_for_its_pool()
    {
        // A .env for a real pool written by an older setup.sh, which wrote ISSUER for LocalCognito only: the library
        // derives the issuer from the region and pool id, and appsettings.json's LocalCognito issuer does not survive.
        var envFile = Path.Combine(Directory.CreateTempSubdirectory("env-file-no-issuer-").FullName, ".env");
        File.WriteAllText(envFile, EnvFileContent.Replace($"ISSUER={Issuer}\n", "", StringComparison.Ordinal));
        try
        {
            Assert.Equal($"https://cognito-idp.us-east-1.amazonaws.com/{PoolId}", await TrustedIssuerAsync(workingDirectory: null, envFile));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(envFile)!, recursive: true);
        }
    }

    private static string EnvFileContent => $"""
        # Written by {nameof(EnvFileLocationTests)} and deleted when the test ends.
        REGION=us-east-1
        USER_POOL_ID={PoolId}
        ISSUER={Issuer}
        CONFIDENTIAL_CLIENT_ID=envfiletestm2mclient00001
        PUBLIC_CLIENT_ID=envfiletestwebclient00001

        """;

    private static void WriteNew(string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(file);
        writer.Write(EnvFileContent);
    }

    /// <summary>
    /// Starts CalculatorServer with the given SETUP_ENV_FILE (none by default) and returns the Cognito issuer its metadata names: the only
    /// authorization server, or the second when the authorization bridge is on (LocalCognito's defaults, no .env read:
    /// the bridge, at the origin of appsettings.json's Cognito:Resource, comes first).
    /// </summary>
    private static async Task<string> TrustedIssuerAsync(string? workingDirectory, string? setupEnvFile = null)
    {
        await using var server = await SampleHost.StartAsync("CalculatorServer", new Dictionary<string, string?> { ["SETUP_ENV_FILE"] = setupEnvFile }, workingDirectory);
        using var http = new HttpClient();
        var metadata = JsonNode.Parse(await http.GetStringAsync($"{server.BaseAddress}/.well-known/oauth-protected-resource/mcp", Cancellation))!;
        var servers = metadata["authorization_servers"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray();
        Assert.InRange(servers.Length, 1, 2);
        if (servers.Length == 2)
        {
            Assert.Equal("http://localhost:8080", servers[0]);
        }

        return servers[^1];
    }
}
