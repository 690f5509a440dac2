namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// Holds token requests until <see cref="Release"/> is called: a deterministic "slow token endpoint" for timeout and
/// cancellation tests, with no sleeps. Returned by <see cref="LocalCognitoFaults.HoldTokenRequests"/>.
/// </summary>
public sealed class LocalCognitoGate
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _held;

    internal LocalCognitoGate()
    {
    }

    /// <summary>Gets how many requests have reached the gate so far (released or not).</summary>
    public int HeldCount => Volatile.Read(ref _held);

    /// <summary>Gets a value indicating whether the gate was released.</summary>
    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Lets every held request, and every later one, through.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>
    /// Completes once at least <paramref name="count"/> requests have reached the gate, so a test knows its request
    /// is in flight before it cancels or times out.
    /// </summary>
    /// <param name="count">How many requests to wait for.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the requests are held.</returns>
    public Task WaitUntilHeldAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            if (_held >= count)
            {
                return Task.CompletedTask;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _held++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _held).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        await _released.Task.WaitAsync(cancellationToken);
    }
}
