using System.Net;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Thrown by <see cref="GuardedConnection"/> when a metadata document host resolves to an address that
/// <see cref="MetadataDocumentAddressRules"/> refuses; <see cref="HttpClient"/> wraps it in an <see cref="HttpRequestException"/>.
/// </summary>
internal sealed class RefusedAddressException : IOException
{
    public RefusedAddressException(string host, IPAddress address, string range)
        : base($"The host {host} resolves to {address}, a {range} address; the connection is refused.")
    {
        Host = host;
        Address = address;
        Range = range;
    }

    public string Host { get; }

    public IPAddress Address { get; }

    /// <summary>Gets the kind of address, such as "loopback" or "private".</summary>
    public string Range { get; }
}
