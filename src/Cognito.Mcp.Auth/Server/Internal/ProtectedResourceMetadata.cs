using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>The RFC 9728 document and its URLs, computed once from the validated options.</summary>
internal sealed class ProtectedResourceMetadata
{
    public ProtectedResourceMetadata(IOptions<CognitoMcpAuthOptions> options, IHostEnvironment? environment = null)
    {
        var cognito = options.Value;
        var resource = new Uri(cognito.Resource!);
        var path = resource.AbsolutePath.TrimEnd('/');

        // RFC 9728 §3.1: the well-known segment goes between the host and the resource's path.
        PathSuffixedPath = CognitoMcpAuthenticationDefaults.ProtectedResourceMetadataPath + path;
        MetadataUrl = resource.GetLeftPart(UriPartial.Authority) + PathSuffixedPath;
        RequiredScopes = [.. cognito.RequiredScopes];

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("resource", cognito.Resource);
            writer.WriteStartArray("authorization_servers");
            writer.WriteStringValue(cognito.Issuer);
            writer.WriteEndArray();
            writer.WriteStartArray("scopes_supported");
            foreach (var scope in cognito.ScopesSupported)
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("bearer_methods_supported");
            writer.WriteStringValue("header");
            writer.WriteEndArray();
            writer.WriteString("resource_name", cognito.ResourceName ?? environment?.ApplicationName ?? "MCP server");
            writer.WriteEndObject();
        }

        Document = stream.ToArray();
    }

    /// <summary>The path-suffixed well-known path, e.g. <c>/.well-known/oauth-protected-resource/mcp</c>.</summary>
    public string PathSuffixedPath { get; }

    /// <summary>The absolute metadata URL sent as <c>resource_metadata</c> in every challenge.</summary>
    public string MetadataUrl { get; }

    public IReadOnlyList<string> RequiredScopes { get; }

    public byte[] Document { get; }

    public bool IsMetadataPath(PathString path) =>
        path.Equals(CognitoMcpAuthenticationDefaults.ProtectedResourceMetadataPath, StringComparison.Ordinal)
        || path.Equals(PathSuffixedPath, StringComparison.Ordinal);
}
