using System.Net;
using System.Net.Sockets;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Which IP addresses the bridge may connect to for a client metadata document. The URL is chosen by whoever sends an
/// authorization request, so every address that is not a public unicast address is refused (SSRF): loopback, private
/// (RFC 1918, fc00::/7), link-local (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10), shared
/// CGNAT space (100.64/10), unspecified, multicast, reserved and documentation ranges, and the same addresses embedded
/// in IPv6 (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16).
/// </summary>
internal static class MetadataDocumentAddressRules
{
    /// <summary>Why <paramref name="address"/> is refused (for example "private"), or <see langword="null"/> when it may be used.</summary>
    /// <param name="address">The address a host name resolved to, or an IP literal.</param>
    /// <param name="allowLoopback">Whether loopback is allowed: only in the Development environment.</param>
    public static string? Refusal(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return RefusalV4(address.GetAddressBytes(), allowLoopback);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
        {
            return RefusalV4(b[12..], allowLoopback);
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return RefusalV4(b[12..], allowLoopback); // NAT64 well-known prefix
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return RefusalV4(b[2..6], allowLoopback); // 6to4
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return allowLoopback ? null : "loopback";
        }

        return b switch
        {
            _ when address.Equals(IPAddress.IPv6Any) => "unspecified",
            [0x00, ..] => "reserved", // ::/8: IPv4-compatible and other reserved forms
            [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, ..] => "reserved", // 100::/64 discard
            [0x20, 0x01, 0x0d, 0xb8, ..] => "documentation",
            [0x20, 0x01, 0x00, 0x00, ..] => "reserved", // 2001::/32 Teredo: tunnels to an IPv4 address inside it
            [var first, ..] when (first & 0xfe) == 0xfc => "private",
            [0xfe, var second, ..] when (second & 0xc0) == 0x80 => "link-local",
            [0xfe, var second, ..] when (second & 0xc0) == 0xc0 => "site-local",
            [0xff, ..] => "multicast",
            _ => null,
        };
    }

    private static string? RefusalV4(ReadOnlySpan<byte> b, bool allowLoopback) => b switch
    {
        [127, ..] => allowLoopback ? null : "loopback",
        [0, ..] => "unspecified",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "private",
        [100, >= 64 and <= 127, ..] => "shared (CGNAT)",
        [169, 254, ..] => "link-local",
        [192, 0, 0, ..] or [198, 18 or 19, ..] => "reserved",
        [192, 0, 2, ..] or [198, 51, 100, ..] or [203, 0, 113, ..] => "documentation",
        [>= 224 and <= 239, ..] => "multicast",
        [>= 240, ..] => "reserved",
        _ => null,
    };
}
