using System.Security.Cryptography.X509Certificates;
using Cognito.Mcp.Auth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>
/// Starts LocalCognito for the library tests in the shape the run asks for. By default one plain-http origin; with
/// <c>COGNITO_TESTS_SHAPE=separate-https</c> (test.sh runs this project a second time so) the issuer and the domain
/// are two https origins with a certificate made for the run, as in Amazon Cognito, so code that assumes one origin or
/// relaxes https fails. The test hosts trust exactly that certificate.
/// </summary>
public static class TestCognito
{
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(LocalCognitoCertificates.CreateSelfSigned);

    /// <summary>Gets a value indicating whether this run uses two https origins.</summary>
    public static bool SeparateHttpsOrigins { get; } =
        string.Equals(Environment.GetEnvironmentVariable("COGNITO_TESTS_SHAPE"), "separate-https", StringComparison.Ordinal);

    /// <summary>Gets the certificate of the https origins, or <see langword="null"/> in the default shape.</summary>
    public static X509Certificate2? Certificate => SeparateHttpsOrigins ? SharedCertificate.Value : null;

    public static Task<LocalCognito> StartAsync(CancellationToken cancellationToken) => StartAsync(new LocalCognitoOptions(), cancellationToken);

    public static Task<LocalCognito> StartAsync(LocalCognitoOptions options, CancellationToken cancellationToken)
    {
        if (SeparateHttpsOrigins)
        {
            options.SeparateOrigins = true;
            options.Certificate = SharedCertificate.Value;
        }

        return LocalCognito.StartWithDevelopmentPoolAsync(options, cancellationToken);
    }

    /// <summary>Makes every HttpClient of <paramref name="services"/> trust the run's certificate (nothing in the default shape).</summary>
    public static IServiceCollection TrustRunCertificate(this IServiceCollection services)
    {
        if (Certificate is { } certificate)
        {
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => LocalCognitoCertificates.CreateHandler(certificate)));
        }

        return services;
    }

    /// <summary>A backchannel handler for the server that trusts the run's certificate, or <see langword="null"/>.</summary>
    public static HttpMessageHandler? BackchannelHandler() => Certificate is { } certificate ? LocalCognitoCertificates.CreateHandler(certificate) : null;
}
