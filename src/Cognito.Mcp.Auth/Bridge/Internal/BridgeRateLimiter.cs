using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Limits how often anyone may call an endpoint that writes to the bridge's store: a fixed window per client address
/// (an IPv6 address counts by its /64, which one host usually owns whole) and, behind it, ten times that for all
/// addresses together, so neither one caller nor many can fill the store. Behind a proxy the address is the proxy's
/// unless forwarded headers are configured (docs/deployment.md); apps can add their own policy with
/// <c>MapCognitoAuthorizationBridge().RequireRateLimiting(...)</c>.
/// </summary>
internal sealed class BridgeRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;

    public BridgeRateLimiter(int perAddressPerMinute)
    {
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(Partition(context), _ => Window(perAddressPerMinute))),
            PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetFixedWindowLimiter("all", _ => Window(perAddressPerMinute * 10))));
    }

    public bool TryAcquire(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context);
        return lease.IsAcquired;
    }

    internal static string Partition(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    public void Dispose() => _limiter.Dispose();
}
