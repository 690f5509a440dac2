namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>Reads a response's <c>Retry-After</c> (delta seconds or an HTTP date).</summary>
internal static class RetryAfter
{
    public static TimeSpan? Get(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
