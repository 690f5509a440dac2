using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// A certificate authority made for one test run, and a server certificate it signed for <c>127.0.0.1</c> and
/// <c>localhost</c>, written as PEM files for nginx (<see cref="CertificatePath"/>, <see cref="KeyPath"/>) and for
/// clients that trust it (<see cref="AuthorityPath"/>: <c>NODE_EXTRA_CA_CERTS</c>; <see cref="CreateHandler"/> in .NET).
/// Nothing is added to a system trust store.
/// </summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _authority;

    private TestCertificateAuthority(X509Certificate2 authority, string directory)
    {
        _authority = authority;
        AuthorityPath = Path.Combine(directory, "test-ca.pem");
        CertificatePath = Path.Combine(directory, "server.pem");
        KeyPath = Path.Combine(directory, "server.key");
    }

    /// <summary>Gets the CA certificate (PEM), the only root a client of the test needs to trust.</summary>
    public string AuthorityPath { get; }

    /// <summary>Gets the server certificate followed by the CA's (PEM), as nginx's <c>ssl_certificate</c> wants it.</summary>
    public string CertificatePath { get; }

    /// <summary>Gets the server certificate's private key (PKCS#8 PEM), readable by the owner only.</summary>
    public string KeyPath { get; }

    /// <summary>Creates the CA and the server certificate and writes the three files into <paramref name="directory"/>.</summary>
    public static TestCertificateAuthority Create(string directory)
    {
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=Cognito.Mcp.Auth test CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build(true));
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var server = serverRequest.Create(authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        var created = new TestCertificateAuthority(authority, directory);
        File.WriteAllText(created.AuthorityPath, authority.ExportCertificatePem() + "\n");
        File.WriteAllText(created.CertificatePath, server.ExportCertificatePem() + "\n" + authority.ExportCertificatePem() + "\n");
        File.WriteAllText(created.KeyPath, serverKey.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(created.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return created;
    }

    /// <summary>An HTTP handler that trusts this CA alone (not the system's roots) and checks the host name as usual.</summary>
    public SocketsHttpHandler CreateHandler()
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(_authority);
        return new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy } };
    }

    public void Dispose() => _authority.Dispose();
}
