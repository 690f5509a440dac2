using Cognito.Mcp.Auth;
using Cognito.Mcp.Auth.Bridge.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the authorization bridge's endpoints.</summary>
public static class CognitoAuthorizationBridgeEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the bridge registered by <c>AddCognitoAuthorizationBridge()</c>: its RFC 8414 metadata at
    /// <c>/.well-known/oauth-authorization-server</c> (plus the issuer's path) and its endpoints below <c>/oauth/</c>.
    /// They allow anonymous callers: they are how a caller becomes authorized.
    /// </summary>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <returns>A builder for conventions on every bridge endpoint (rate limiting, for example).</returns>
    public static IEndpointConventionBuilder MapCognitoAuthorizationBridge(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(BridgeSettings)) != true)
        {
            throw new InvalidOperationException("MapCognitoAuthorizationBridge needs builder.Services.AddCognitoAuthorizationBridge() first.");
        }

        // Nothing here reads the settings: an invalid configuration is reported by the host's start-up validation
        // (ValidateOnStart), like every other setting, not thrown from this call. Routes that depend on the settings (the
        // issuer's path, registration on or off) are decided per request.
        var metadata = new Lazy<byte[]>(() => AuthorizationServerMetadataDocument.Write(services.GetRequiredService<BridgeSettings>()));
        var builders = new List<IEndpointConventionBuilder>();

        void Cors(string pattern, RequestDelegate handler, params string[] methods)
        {
            builders.Add(endpoints.MapMethods(pattern, methods, context =>
            {
                BridgeCors.Allow(context.Response);
                return handler(context);
            }));
            builders.Add(endpoints.MapMethods(pattern, ["OPTIONS"], context =>
            {
                BridgeCors.Allow(context.Response);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            }));
        }

        RequestDelegate serveMetadata = async context =>
        {
            // RFC 8414 section 3.1: the issuer's path follows the well-known segment; any other suffix is not ours.
            if (!context.Request.Path.Equals(services.GetRequiredService<BridgeSettings>().MetadataPath, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "public, max-age=3600";
            await context.Response.Body.WriteAsync(metadata.Value, context.RequestAborted);
        };
        Cors(CognitoAuthorizationBridgeDefaults.MetadataPath, serveMetadata, "GET");
        Cors(CognitoAuthorizationBridgeDefaults.MetadataPath + "/{**issuerPath}", serveMetadata, "GET");
        builders.Add(endpoints.MapGet(CognitoAuthorizationBridgeDefaults.AuthorizePath, context => services.GetRequiredService<AuthorizeEndpoint>().HandleAsync(context)));
        builders.Add(endpoints.MapPost(CognitoAuthorizationBridgeDefaults.ConsentPath, context => services.GetRequiredService<ConsentEndpoint>().HandleAsync(context)));
        builders.Add(endpoints.MapGet(CognitoAuthorizationBridgeDefaults.CallbackPath, context => services.GetRequiredService<CallbackEndpoint>().HandleAsync(context)));
        Cors(CognitoAuthorizationBridgeDefaults.TokenPath, context => services.GetRequiredService<TokenEndpoint>().HandleAsync(context), "POST");
        Cors(CognitoAuthorizationBridgeDefaults.RevocationPath, context => services.GetRequiredService<RevocationEndpoint>().HandleAsync(context), "POST");
        Cors(CognitoAuthorizationBridgeDefaults.RegistrationPath, context =>
        {
            if (!services.GetRequiredService<BridgeSettings>().Options.DynamicClientRegistration)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound; // not advertised in the metadata either
                return Task.CompletedTask;
            }

            return services.GetRequiredService<RegistrationEndpoint>().HandleAsync(context);
        }, "POST");

        var group = new BridgeEndpointConventions(builders);
        group.Add(builder =>
        {
            builder.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            builder.Metadata.Add(new BridgeEndpointMarker());
        });
        return group;
    }

    private sealed class BridgeEndpointConventions(List<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
