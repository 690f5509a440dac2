using Cognito.Mcp.Auth.Client.Internal;
using Cognito.Mcp.Auth.Tests.Framework;

namespace Cognito.Mcp.Auth.Tests.Client;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task One_cancelled_caller_does_not_cancel_the_shared_operation()
    {
        var flights = new SingleFlight<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        using var impatient = new CancellationTokenSource();
        Task<int> Operation(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            return gate.Task.WaitAsync(ct);
        }

        var first = flights.RunAsync("k", Operation, impatient.Token);
        var second = flights.RunAsync("k", Operation, TestContext.Current.CancellationToken);
        await impatient.CancelAsync();
        gate.SetResult(42);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(42, await second.WaitAsync(TokenClientTestData.Patience, TestContext.Current.CancellationToken));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_operation_is_cancelled_when_every_caller_gave_up_and_the_next_caller_starts_afresh()
    {
        var flights = new SingleFlight<int>();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var caller = new CancellationTokenSource();

        var first = flights.RunAsync(
            "k",
            async ct =>
            {
                using var registration = ct.Register(() => cancelled.SetResult());
                await Task.Delay(Timeout.Infinite, ct);
                return 0;
            },
            caller.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await cancelled.Task.WaitAsync(TokenClientTestData.Patience, TestContext.Current.CancellationToken);
        Assert.Equal(7, await flights.RunAsync("k", _ => Task.FromResult(7), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_failure_reaches_the_waiting_callers_and_is_not_kept()
    {
        var flights = new SingleFlight<int>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => flights.RunAsync("k", _ => throw new InvalidOperationException(), TestContext.Current.CancellationToken));

        Assert.Equal(0, flights.Count);
        Assert.Equal(1, await flights.RunAsync("k", _ => Task.FromResult(1), TestContext.Current.CancellationToken));
    }
}
