namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// Walks <see cref="TokenPool"/> once, never wrapping: a benchmark that asks for more tokens than the pool holds fails
/// instead of quietly validating a token for the second time (which a cache would answer).
/// </summary>
internal sealed class TokenCursor(int count, string user)
{
    private int _next;

    /// <summary>How many tokens were handed out.</summary>
    public int Used => _next;

    /// <summary>How many tokens are left.</summary>
    public int Remaining => count - _next;

    /// <summary>The index of a token not handed out before.</summary>
    public int Next()
    {
        if (_next == count)
        {
            throw new InvalidOperationException(
                $"{user} has validated all {count:N0} tokens of the pool; a further call would repeat one. Make the pool larger (TokenPool.Size) or the run shorter.");
        }

        return _next++;
    }
}
