using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the metadata document client: it resolves the host itself,
/// refuses the connection when any resolved address is refused by <see cref="MetadataDocumentAddressRules"/>, and
/// connects to exactly the addresses it checked. Checking here, not before the request, defeats DNS rebinding (a
/// name that resolves to a public address for a check and to 169.254.169.254 for the connection).
/// </summary>
internal static class GuardedConnection
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Create(bool allowLoopback) =>
        (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowLoopback, cancellationToken);

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowLoopback, CancellationToken cancellationToken)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // Every address is checked: a name with one public and one private address would otherwise reach the private
        // one whenever the public one does not answer.
        foreach (var address in addresses)
        {
            if (MetadataDocumentAddressRules.Refusal(address, allowLoopback) is { } range)
            {
                throw new RefusedAddressException(endPoint.Host, address, range);
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
