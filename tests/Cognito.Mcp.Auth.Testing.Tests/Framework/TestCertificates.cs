using System.Security.Cryptography.X509Certificates;

namespace Cognito.Mcp.Auth.Testing.Tests.Framework;

/// <summary>Self-signed certificates made once per test run: the one LocalCognito serves, and a stranger's.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> ServedLazy = new(LocalCognitoCertificates.CreateSelfSigned);
    private static readonly Lazy<X509Certificate2> StrangerLazy = new(LocalCognitoCertificates.CreateSelfSigned);

    /// <summary>The certificate tests give LocalCognito (<see cref="LocalCognitoOptions.Certificate"/>).</summary>
    public static X509Certificate2 Served => ServedLazy.Value;

    /// <summary>Another self-signed certificate with the same names, which clients must not confuse with <see cref="Served"/>.</summary>
    public static X509Certificate2 Stranger => StrangerLazy.Value;
}
