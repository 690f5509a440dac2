using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>Registers the metadata document fetcher for the bridge's own registration code.</summary>
internal static class BridgeRegistrationServices
{
    /// <summary>
    /// Registers <see cref="ClientMetadataDocumentFetcher"/>, its options (defaults unless registered before), the
    /// <see cref="ClientMetadataDocumentFetcher.HttpClientName"/> client and the guard that hardens that client's primary
    /// handler whatever else configures it. Needs <c>IHostEnvironment</c> (every host registers one).
    /// </summary>
    internal static IServiceCollection AddClientMetadataDocumentFetcher(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient(ClientMetadataDocumentFetcher.HttpClientName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpClientFactoryOptions>, ClientMetadataHttpClientGuard>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ClientMetadataDocumentOptions());
        services.TryAddSingleton<ClientMetadataDocumentFetcher>();
        return services;
    }
}
