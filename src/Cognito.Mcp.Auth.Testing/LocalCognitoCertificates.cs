using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// A self-signed certificate for LocalCognito's https listeners (<see cref="LocalCognitoOptions.Certificate"/>), and
/// clients that trust exactly that certificate: validation stays on, one extra certificate is pinned by its bytes.
/// </summary>
/// <example>
/// <code>
/// using var certificate = LocalCognitoCertificates.CreateSelfSigned();
/// await using var cognito = await LocalCognito.StartAsync(new LocalCognitoOptions { SeparateOrigins = true, Certificate = certificate });
/// using var http = new HttpClient(LocalCognitoCertificates.CreateHandler(certificate));
/// </code>
/// </example>
public static class LocalCognitoCertificates
{
    /// <summary>
    /// Creates a self-signed RSA 2048 server certificate for <c>127.0.0.1</c>, <c>::1</c> and <c>localhost</c>, valid
    /// from five minutes ago for seven days by the system clock (TLS checks validity against real time, whatever
    /// <see cref="LocalCognitoOptions.TimeProvider"/> says). No machine or user store is touched.
    /// </summary>
    /// <returns>The certificate with its private key; dispose it after LocalCognito.</returns>
    public static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=LocalCognito", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));

        // Exported and loaded again so the private key is usable by SslStream on every platform (Windows refuses
        // the ephemeral key CreateSelfSigned returns).
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Returns a server-certificate check that accepts what the system trusts, plus exactly
    /// <paramref name="certificate"/> when the only fault is that its self-signed chain is untrusted; a wrong host
    /// name or any other certificate is still refused.
    /// </summary>
    /// <param name="certificate">The certificate LocalCognito serves.</param>
    /// <returns>A callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</returns>
    public static RemoteCertificateValidationCallback ValidationCallback(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var pinned = certificate.RawData;
        return (_, presented, _, errors) =>
            errors == SslPolicyErrors.None
            || (errors == SslPolicyErrors.RemoteCertificateChainErrors && presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(pinned));
    }

    /// <summary>Creates a handler whose https connections trust <paramref name="certificate"/> as <see cref="ValidationCallback"/> says.</summary>
    /// <param name="certificate">The certificate LocalCognito serves.</param>
    /// <returns>A new handler; set <see cref="SocketsHttpHandler.AllowAutoRedirect"/>, cookies and the like on it as usual.</returns>
    public static SocketsHttpHandler CreateHandler(X509Certificate2 certificate) =>
        new() { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidationCallback(certificate) } };
}
