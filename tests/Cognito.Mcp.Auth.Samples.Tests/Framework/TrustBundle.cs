using System.Security.Cryptography.X509Certificates;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// A PEM bundle of the system's CA certificates plus one test certificate, in a temporary folder deleted on dispose.
/// On Linux, .NET builds its root store from <c>SSL_CERT_FILE</c> (and <c>SSL_CERT_DIR</c>): a process started with
/// <see cref="EnvironmentVariables"/> trusts the test certificate as well as everything the machine trusts, and no
/// machine or user store is touched.
/// </summary>
internal sealed class TrustBundle : IDisposable
{
    private const string SystemBundle = "/etc/ssl/certs/ca-certificates.crt"; // Debian's, from the ca-certificates package

    private readonly DirectoryInfo _directory;

    private TrustBundle(DirectoryInfo directory, string file)
    {
        _directory = directory;
        File = file;
    }

    /// <summary>Gets the bundle's path.</summary>
    public string File { get; }

    /// <summary>Gets the environment that makes a .NET process on Linux trust the bundle (and only it).</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables => new Dictionary<string, string?>
    {
        ["SSL_CERT_FILE"] = File,
        ["SSL_CERT_DIR"] = _directory.FullName, // holds no hashed certificate links: the bundle alone decides
    };

    public static TrustBundle Create(X509Certificate2 certificate)
    {
        Assert.True(System.IO.File.Exists(SystemBundle), $"{SystemBundle} is missing: install the ca-certificates package.");
        var directory = Directory.CreateTempSubdirectory("trust-");
        var file = Path.Combine(directory.FullName, "bundle.pem");
        System.IO.File.WriteAllText(file, System.IO.File.ReadAllText(SystemBundle).TrimEnd() + "\n" + certificate.ExportCertificatePem() + "\n");
        return new TrustBundle(directory, file);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
