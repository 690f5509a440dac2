using System.Diagnostics;
using System.Text;

namespace Cognito.Mcp.Auth.Testing.Tests.Framework;

/// <summary>
/// Runs the built <c>samples/LocalCognito</c> host as a child process; always killed on dispose, and every wait has
/// a timeout.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _issuer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stdout)
            {
                _stdout.AppendLine(e.Data);
            }

            if (e.Data.TrimStart().StartsWith("Issuer", StringComparison.Ordinal))
            {
                _issuer.TrySetResult(e.Data.Trim()["Issuer".Length..].Trim());
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static HostProcess Start(string environment, params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "Cognito.Mcp.Auth.Testing.Tests"), Path.Combine("samples", "LocalCognito"), StringComparison.Ordinal), "LocalCognito.dll");
        Assert.True(File.Exists(dll), $"The host was not built at {dll}.");
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = environment;
        startInfo.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        return new HostProcess(Process.Start(startInfo)!);
    }

    /// <summary>The issuer the host printed, which also tells its actual port.</summary>
    public Task<string> IssuerAsync() => _issuer.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }
}
