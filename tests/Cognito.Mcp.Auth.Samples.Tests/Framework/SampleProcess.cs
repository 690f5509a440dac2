using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>A sample started as a real process (<c>dotnet Sample.dll</c>), its output captured, killed on dispose.</summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<string>? _onLine;

    private SampleProcess(Process process) => _process = process;

    /// <summary>Both streams, lines in the order they were read (across streams that order is not guaranteed).</summary>
    public string Output => string.Join('\n', _lines);

    public string Stdout => string.Join('\n', _stdout);

    public string Stderr => string.Join('\n', _stderr);

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <paramref name="sample"/> in an empty working directory with <c>SETUP_ENV_FILE=/dev/null</c>, so no
    /// developer's .env (repository root) is read; <paramref name="environment"/> may name another file, or null to remove a variable.
    /// </summary>
    public static SampleProcess Start(string sample, IDictionary<string, string?> environment, string? workingDirectory = null, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Directory.CreateTempSubdirectory("sample-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.SampleDll(sample));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["SETUP_ENV_FILE"] = "/dev/null";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sampleProcess = new SampleProcess(process);
        process.OutputDataReceived += (_, e) => sampleProcess.Add(e.Data, sampleProcess._stdout);
        process.ErrorDataReceived += (_, e) => sampleProcess.Add(e.Data, sampleProcess._stderr);
        process.Exited += (_, _) => sampleProcess._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sampleProcess;
    }

    /// <summary>Waits for the first output line matching <paramref name="pattern"/> and returns its first group.</summary>
    public async Task<string> WaitForLineAsync(string pattern, CancellationToken cancellationToken)
    {
        var regex = new Regex(pattern);
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _onLine = line =>
        {
            if (regex.Match(line) is { Success: true } match)
            {
                found.TrySetResult(match.Groups.Count > 1 ? match.Groups[1].Value : line);
            }
        };
        foreach (var line in _lines)
        {
            _onLine(line);
        }

        var finished = await Task.WhenAny(found.Task, _exited.Task).WaitAsync(Timeout, cancellationToken);
        if (finished != found.Task && !found.Task.IsCompleted)
        {
            throw new InvalidOperationException($"The process exited before printing /{pattern}/. Output:\n{Output}");
        }

        return await found.Task;
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _exited.Task.WaitAsync(Timeout, cancellationToken);
        await _process.WaitForExitAsync(cancellationToken); // Drains the output.
        return _process.ExitCode;
    }

    private void Add(string? line, ConcurrentQueue<string> stream)
    {
        if (line is null)
        {
            return;
        }

        stream.Enqueue(line);
        _lines.Enqueue(line);
        _onLine?.Invoke(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
