using Microsoft.AspNetCore.HttpOverrides;

namespace CalculatorServer;

/// <summary>
/// Behind a reverse proxy (docs/deployment.md): with <c>ForwardedHeaders:Enabled=true</c> the app takes each request's
/// public scheme, host, path prefix and client address from the proxy's <c>X-Forwarded-*</c> headers. Off by default.
/// The metadata and challenges name <c>Cognito:Resource</c> whatever the headers say; these are for everything else
/// that reads the request's own URL (links, redirects, logs).
/// </summary>
internal static class ForwardedHeadersSettings
{
    private const string Section = "ForwardedHeaders";

    /// <summary>Adds the forwarded headers middleware when enabled; returns the configuration problems (none when valid).</summary>
    public static IReadOnlyList<string> Apply(WebApplication app)
    {
        var section = app.Configuration.GetSection(Section);
        if (!section.GetValue<bool>("Enabled"))
        {
            return [];
        }

        var problems = new List<string>();
        // Headers: the ones the proxy sets itself (a header it passes on from the client unchanged could be forged).
        var headers = ForwardedHeaders.All;
        if (section["Headers"] is { Length: > 0 } names
            && (!Enum.TryParse(names, ignoreCase: false, out headers) || (headers & ~ForwardedHeaders.All) != 0 || int.TryParse(names, out _)))
        {
            problems.Add($"{Section}:Headers \"{names}\" is not a list of XForwardedFor, XForwardedProto, XForwardedHost, XForwardedPrefix (or All), e.g. \"XForwardedFor, XForwardedProto\".");
        }

        // Proxies: loopback always (ASP.NET Core's default); others only from the networks listed.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = headers };
        foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            if (System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                options.KnownIPNetworks.Add(parsed);
            }
            else
            {
                problems.Add($"{Section}:KnownNetworks \"{network}\" is not a network in CIDR notation, e.g. \"10.0.0.0/16\" (the proxies' subnet) or \"10.0.0.7/32\" (one proxy).");
            }
        }

        if (problems.Count == 0)
        {
            app.UseForwardedHeaders(options);
        }

        return problems;
    }
}
