using System.Net.Sockets;
using System.Text;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>Sends a hand-written HTTP/1.1 request, for shapes HttpClient will not produce (two Authorization lines).</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string? WwwAuthenticate)> SendAsync(Uri baseUrl, string requestHead, string body, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port, cancellationToken);
        await using var stream = client.GetStream();
        var bytes = Encoding.ASCII.GetBytes(requestHead.Replace("\n", "\r\n", StringComparison.Ordinal)
            + $"Host: {baseUrl.Authority}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n" + body);
        await stream.WriteAsync(bytes, cancellationToken);

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(cancellationToken) ?? "";
        string? challenge = null;
        for (var line = await reader.ReadLineAsync(cancellationToken); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync(cancellationToken))
        {
            if (line.StartsWith("WWW-Authenticate:", StringComparison.OrdinalIgnoreCase))
            {
                challenge = line["WWW-Authenticate:".Length..].Trim();
            }
        }

        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), challenge);
    }
}
