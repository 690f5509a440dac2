namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Reads a response body with a size limit, so that a hostile or broken server cannot make the client buffer an
/// unbounded document. Discovery documents and token responses are a few kilobytes.
/// </summary>
internal static class BoundedContent
{
    /// <summary>The largest body read from a metadata document or the token endpoint: 64 KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body, or <see langword="null"/> when it is larger than <see cref="MaxBytes"/>.</summary>
    public static Task<byte[]?> ReadAsync(HttpContent content, CancellationToken cancellationToken) =>
        ReadAsync(content, MaxBytes, cancellationToken);

    /// <summary>The body, or <see langword="null"/> when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await ReadAsync(stream, maxBytes, cancellationToken);
    }

    /// <summary>
    /// A stream to its end, or <see langword="null"/> when it holds more than <paramref name="maxBytes"/> (a request
    /// body as well as a response's).
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return buffer[..length];
            }

            length += read;
        }

        return null;
    }
}
