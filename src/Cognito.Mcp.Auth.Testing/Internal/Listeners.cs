using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// LocalCognito's Kestrel listeners: the issuer origin and, with <see cref="LocalCognitoOptions.SeparateOrigins"/>,
/// the domain origin, https when a certificate is given. An IP host is bound with <c>Listen</c>, which keeps each
/// listener's options so the ports that port 0 turned into can be told apart after start; a host name (the runnable
/// host's <c>--urls http://localhost:9229</c>) goes through <c>UseUrls</c>, as before, and allows one origin only.
/// </summary>
internal sealed class Listeners(LocalCognitoOptions options)
{
    private readonly IPAddress? _ip = IPAddress.TryParse(options.Host, out var ip) ? ip : null;
    private ListenOptions? _issuer;
    private ListenOptions? _domain;

    private string Scheme => options.Certificate is null ? "http" : "https";

    public void Configure(KestrelServerOptions kestrel)
    {
        if (_ip is null)
        {
            if (options.Certificate is { } certificate)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }

            return;
        }

        kestrel.Listen(_ip, options.Port, listen => _issuer = Secure(listen));
        if (options.SeparateOrigins)
        {
            kestrel.Listen(_ip, options.DomainPort, listen => _domain = Secure(listen));
        }
    }

    public void UseUrlsIfNeeded(IWebHostBuilder host)
    {
        if (_ip is not null)
        {
            return;
        }

        if (options.SeparateOrigins)
        {
            throw new InvalidOperationException(
                $"LocalCognitoOptions.SeparateOrigins needs an IP address in LocalCognitoOptions.Host, not '{options.Host}': use 127.0.0.1 (the default).");
        }

        host.UseUrls($"{Scheme}://{options.Host}:{options.Port}");
    }

    /// <summary>The domain origin's port once bound (port 0 has become a real one), or <see langword="null"/> with one origin.</summary>
    public int? DomainPort => _domain?.IPEndPoint?.Port;

    /// <summary>The issuer origin as Kestrel reports it, e.g. <c>https://127.0.0.1:41234</c>.</summary>
    public string IssuerAddress(ICollection<string> addresses) => Address(addresses, _issuer) ?? addresses.First().TrimEnd('/');

    /// <summary>The separate domain origin, or <see langword="null"/> with one origin.</summary>
    public string? DomainAddress(ICollection<string> addresses) => Address(addresses, _domain);

    private static string? Address(ICollection<string> addresses, ListenOptions? listener) =>
        listener?.IPEndPoint is { } bound
            ? addresses.Select(a => a.TrimEnd('/')).First(a => new Uri(a).Port == bound.Port)
            : null;

    private ListenOptions Secure(ListenOptions listen)
    {
        if (options.Certificate is { } certificate)
        {
            listen.UseHttps(certificate);
        }

        return listen;
    }
}
