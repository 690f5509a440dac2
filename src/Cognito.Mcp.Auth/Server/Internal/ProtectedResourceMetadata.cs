using System.Text.Json;
using ModelContextProtocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// The RFC 9728 document and its URLs, computed once from the validated options. When several registrations protect
/// the same resource (one endpoint, several pools), the document names every pool's issuer and all their scopes.
/// </summary>
internal sealed class ProtectedResourceMetadata
{
    public ProtectedResourceMetadata(CognitoMcpAuthOptions cognito, IReadOnlyList<CognitoMcpAuthOptions> sameResource, IHostEnvironment? environment = null)
    {
        var resource = new Uri(cognito.Resource!);
        var path = resource.AbsolutePath.TrimEnd('/');

        // RFC 9728 §3.1: the well-known segment goes between the host and the resource's path.
        PathSuffixedPath = CognitoMcpAuthenticationDefaults.ProtectedResourceMetadataPath + path;
        MetadataUrl = resource.GetLeftPart(UriPartial.Authority) + PathSuffixedPath;
        RequiredScopes = [.. cognito.RequiredScopes];

        // The MCP SDK's own type, so the document has the names and shape the SDK's clients read.
        var document = new ModelContextProtocol.Authentication.ProtectedResourceMetadata
        {
            Resource = cognito.Resource!,
            AuthorizationServers = [.. sameResource.Select(o => o.Issuer!).Prepend(cognito.Issuer!).Distinct(StringComparer.Ordinal)],
            ScopesSupported = [.. cognito.ScopesSupported.Concat(sameResource.SelectMany(o => o.ScopesSupported)).Distinct(StringComparer.Ordinal)],
            BearerMethodsSupported = ["header"],
            ResourceName = cognito.ResourceName ?? environment?.ApplicationName ?? "MCP server",
        };
        cognito.ConfigureMetadata?.Invoke(document);
        if (!string.Equals(document.Resource?.ToString(), cognito.Resource, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"CognitoMcpAuthOptions.ConfigureMetadata changed the metadata's resource to '{document.Resource}'. It must stay Cognito:Resource ('{cognito.Resource}'): clients refuse metadata that describes another resource (RFC 9728 section 3.3).");
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            JsonSerializer.Serialize(writer, document, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ModelContextProtocol.Authentication.ProtectedResourceMetadata)));
        }

        Document = stream.ToArray();
    }

    /// <summary>The path-suffixed well-known path, e.g. <c>/.well-known/oauth-protected-resource/mcp</c>.</summary>
    public string PathSuffixedPath { get; }

    /// <summary>The absolute metadata URL sent as <c>resource_metadata</c> in every challenge.</summary>
    public string MetadataUrl { get; }

    public IReadOnlyList<string> RequiredScopes { get; }

    public byte[] Document { get; }

    public bool IsMetadataPath(PathString path, bool servesRoot) =>
        (servesRoot && path.Equals(CognitoMcpAuthenticationDefaults.ProtectedResourceMetadataPath, StringComparison.Ordinal))
        || path.Equals(PathSuffixedPath, StringComparison.Ordinal);
}
