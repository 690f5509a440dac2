using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells tests when a timer with a given due time has been created, so a test
/// can advance time exactly when a retry delay or an attempt timeout is waiting on it — no sleeps, no polling.
/// </summary>
public sealed class TokenClientFakeTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentDictionary<TimeSpan, TaskCompletionSource> _timers = new();

    public TokenClientFakeTimeProvider()
        : base(TokenClientTestData.Start)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Signal(dueTime).TrySetResult();
        return timer;
    }

    /// <summary>Completes once a timer due after <paramref name="dueTime"/> was created (now or earlier).</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime) => Signal(dueTime).Task.WaitAsync(TokenClientTestData.Patience);

    /// <summary>Forgets the timers seen so far.</summary>
    public void ForgetTimers() => _timers.Clear();

    private TaskCompletionSource Signal(TimeSpan dueTime) =>
        _timers.GetOrAdd(dueTime, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
