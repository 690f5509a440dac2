using System.Diagnostics;
using System.Text;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// A child process whose output is captured. Every process has a deadline and is killed (with its children) when
/// the deadline passes or when it is disposed, so a hung process never outlives its test.
/// </summary>
internal sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    private ExternalProcess(ProcessStartInfo startInfo)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.UseShellExecute = false;
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.Exited += (_, _) => FailWaiters();
    }

    public string Description => $"{Path.GetFileName(_process.StartInfo.FileName)} {string.Join(' ', _process.StartInfo.ArgumentList)}";

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Stdout { get { lock (_lock) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_lock) { return _stderr.ToString(); } } }

    /// <summary>Starts a process; its stdin is closed at once unless <paramref name="keepStandardInput"/> (then see <see cref="WriteLineAsync"/>).</summary>
    public static ExternalProcess Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? workingDirectory = null, bool keepStandardInput = false)
    {
        var startInfo = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory() };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        var process = new ExternalProcess(startInfo);
        process._process.Start();
        if (!keepStandardInput)
        {
            process._process.StandardInput.Close();
        }

        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a process to completion; kills it and throws after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment, TimeSpan timeout, string? workingDirectory = null)
    {
        await using var process = Start(fileName, arguments, environment, workingDirectory);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process._process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{process.Description} did not finish within {timeout.TotalSeconds} s and was killed.\n{process.Stdout}\n{process.Stderr}");
        }

        process._process.WaitForExit(); // Drains the redirected output.
        return new ProcessResult(process._process.ExitCode, process.Stdout, process.Stderr);
    }

    /// <summary>Writes one line to the process's stdin (started with <c>keepStandardInput</c>).</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), TestContext.Current.CancellationToken);
        await _process.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the process exits and returns its exit code; kills it and throws after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Description} did not finish within {timeout.TotalSeconds} s.\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        }

        _process.WaitForExit(); // Drains the redirected output.
        return _process.ExitCode;
    }

    /// <summary>Waits for a line of stdout matching <paramref name="match"/>; fails if the process exits or the timeout passes.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _stdout.ToString().Split('\n').FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((match, found));
        }

        if (_process.HasExited)
        {
            FailWaiters();
        }

        try
        {
            return await found.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Description} printed no expected line within {timeout.TotalSeconds} s.\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            buffer.Append(line).Append('\n');
            if (ReferenceEquals(buffer, _stdout))
            {
                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                {
                    waiter.Found.TrySetResult(line);
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    private void FailWaiters()
    {
        lock (_lock)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Found.TrySetException(new InvalidOperationException(
                    $"{Description} exited before printing the expected line.\n--- stdout ---\n{_stdout}\n--- stderr ---\n{_stderr}"));
            }

            _waiters.Clear();
        }
    }
}
