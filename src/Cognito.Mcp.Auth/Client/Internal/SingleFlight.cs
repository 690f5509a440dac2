using System.Collections.Concurrent;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Runs at most one operation per key at a time; concurrent callers of the same key share its result. A caller's
/// cancellation ends only its own wait: the shared operation is cancelled when every caller has given up. The
/// operation leaves the table when it completes, so a failure is handed to the callers that were waiting and never
/// kept for later ones.
/// </summary>
internal sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Flight> _flights = new(StringComparer.Ordinal);

    /// <summary>Gets how many operations are running (for tests).</summary>
    public int Count => _flights.Count;

    public async Task<T> RunAsync(string key, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Flight flight;
        while (true)
        {
            var candidate = new Flight();
            flight = _flights.GetOrAdd(key, candidate);
            if (ReferenceEquals(flight, candidate))
            {
                _ = StartAsync(key, flight, operation);
                break;
            }

            candidate.Dispose();
            if (flight.TryJoin())
            {
                break;
            }

            // Every caller of that flight gave up and it is being cancelled: take it out and start afresh.
            _flights.TryRemove(new KeyValuePair<string, Flight>(key, flight));
        }

        try
        {
            return await flight.Completion.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (flight.Leave())
            {
                _flights.TryRemove(new KeyValuePair<string, Flight>(key, flight));
            }

            throw;
        }
    }

    private async Task StartAsync(string key, Flight flight, Func<CancellationToken, Task<T>> operation)
    {
        // Yield so the caller that created the flight is waiting before the operation can finish.
        await Task.Yield();
        try
        {
            var result = await operation(flight.Cancellation.Token);
            _flights.TryRemove(new KeyValuePair<string, Flight>(key, flight));
            flight.Completion.TrySetResult(result);
        }
        catch (Exception ex)
        {
            _flights.TryRemove(new KeyValuePair<string, Flight>(key, flight));
            if (ex is OperationCanceledException && flight.Cancellation.IsCancellationRequested)
            {
                flight.Completion.TrySetCanceled(flight.Cancellation.Token);
            }
            else
            {
                flight.Completion.TrySetException(ex);
            }
        }
        finally
        {
            flight.Dispose();
        }
    }

    private sealed class Flight : IDisposable
    {
        private readonly Lock _gate = new();
        private int _callers = 1;
        private bool _abandoned;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Cancellation { get; } = new();

        public bool TryJoin()
        {
            lock (_gate)
            {
                if (_abandoned)
                {
                    return false;
                }

                _callers++;
                return true;
            }
        }

        /// <summary>Leaves the flight; returns <see langword="true"/> when the last caller left and it was cancelled.</summary>
        public bool Leave()
        {
            lock (_gate)
            {
                _callers--;
                if (_callers > 0 || Completion.Task.IsCompleted)
                {
                    return false;
                }

                _abandoned = true;
            }

            try
            {
                Cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The operation finished meanwhile.
            }

            return true;
        }

        public void Dispose()
        {
            lock (_gate)
            {
                Cancellation.Dispose();
            }
        }
    }
}
