using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// An installed AWS CLI that setup.sh's tests run with. <see cref="All"/> holds the distinct CLIs of this machine:
/// the <c>aws</c> first on PATH (what setup.sh runs for a user), then Debian's <c>/usr/bin/aws</c> (v2, what CI
/// installs) when that is another version, as on a machine with CLI v1 first on PATH. Serializable, so each CLI is a
/// theory row of its own, named after its version.
/// </summary>
public sealed class AwsCli : IXunitSerializable
{
    private const string DebianPath = "/usr/bin/aws";
    private const string NotInstalled =
        "The AWS CLI (aws) is not installed. CI installs it with `apt-get install -y awscli` (see .ci/run); install it locally the same way.";

    private static readonly Lazy<IReadOnlyList<AwsCli>> Found = new(Find);

    /// <summary>For xunit's deserialization of a theory row only.</summary>
    [Obsolete("For xunit's deserialization only.")]
    public AwsCli()
    {
    }

    private AwsCli(string path, string version)
    {
        Path = path;
        Version = version;
    }

    /// <summary>Gets the CLI setup.sh runs for a user: the first <c>aws</c> on PATH.</summary>
    public static AwsCli FirstOnPath => Found.Value.FirstOrDefault() ?? throw new InvalidOperationException(NotInstalled);

    /// <summary>Gets one theory row per distinct CLI; a row that fails with the install hint if there is none.</summary>
    public static TheoryData<AwsCli> All => Found.Value.Count > 0 ? new(Found.Value) : new(new AwsCli("", "none installed"));

    /// <summary>Gets the executable, e.g. <c>/usr/bin/aws</c>.</summary>
    public string Path { get; private set; } = "";

    /// <summary>Gets the version <c>aws --version</c> prints, e.g. <c>2.9.19</c>.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Gets the path, or fails the test with how to install the CLI.</summary>
    public string RequirePath() => Path.Length > 0 ? Path : throw new InvalidOperationException(NotInstalled);

    public override string ToString() => $"aws-cli {Version} ({Path})";

    void IXunitSerializable.Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Path), Path);
        info.AddValue(nameof(Version), Version);
    }

    void IXunitSerializable.Deserialize(IXunitSerializationInfo info)
    {
        Path = info.GetValue<string>(nameof(Path))!;
        Version = info.GetValue<string>(nameof(Version))!;
    }

    private static List<AwsCli> Find()
    {
        var found = new List<AwsCli>();
        var firstOnPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, "aws"))
            .FirstOrDefault(IsExecutable);
        foreach (var path in new[] { firstOnPath, DebianPath })
        {
            // A first aws that cannot even say its version stays in: setup.sh would run it, so the tests must fail.
            if (path is not null && IsExecutable(path) && (VersionOf(path) ?? "unknown") is var version && found.All(cli => cli.Version != version))
            {
                found.Add(new AwsCli(path, version));
            }
        }

        return found;
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    /// <summary>Runs <c>aws --version</c> ("aws-cli/1.45.11 Python/…"; old v1 releases print it on stderr).</summary>
    private static string? VersionOf(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            var match = Regex.Match(stdout.Result + stderr.Result, @"aws-cli/(\S+)");
            return match.Success ? match.Groups[1].Value : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // Not runnable at all.
        }
    }
}
