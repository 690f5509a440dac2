namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// Waits for a condition that another process makes true and announces no other way (a line in a log file, a count
/// of lines): checks it every 50 ms until a deadline, then fails with what was seen. Never a sleep that hopes.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!condition())
            {
                await Task.Delay(Interval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Not true within {timeout.TotalSeconds} s: {describe()}");
        }
    }
}
