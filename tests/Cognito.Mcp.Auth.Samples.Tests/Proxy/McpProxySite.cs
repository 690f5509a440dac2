using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.Proxy;

/// <summary>
/// <c>deploy/nginx/mcp.conf.template</c>, the file docs/deployment.md shows, filled in the way its
/// <c>envsubst '${MCP_...}'</c> command does: each listed <c>${NAME}</c> is replaced, nginx's own <c>$variables</c> stay.
/// </summary>
internal static partial class McpProxySite
{
    /// <summary>The path prefix the template publishes the app under.</summary>
    public const string Prefix = "/calc";

    /// <summary>The access log the template writes, one line per request with the instance that served it.</summary>
    public const string AccessLog = "mcp-access.log";

    public static string TemplatePath => Path.Combine(RepositoryPaths.Root, "deploy", "nginx", "mcp.conf.template");

    [GeneratedRegex(@"\$\{(MCP_[A-Z_]+)\}")]
    private static partial Regex Variable();

    /// <summary>The site for nginx listening on 127.0.0.1:<paramref name="port"/> in front of <paramref name="upstreams"/>.</summary>
    public static string Render(string directory, int port, TestCertificateAuthority tls, IEnumerable<Uri> upstreams)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MCP_LISTEN"] = $"127.0.0.1:{port}",
            ["MCP_SERVER_NAME"] = "127.0.0.1 localhost",
            ["MCP_TLS_CERTIFICATE"] = tls.CertificatePath,
            ["MCP_TLS_CERTIFICATE_KEY"] = tls.KeyPath,
            ["MCP_UPSTREAM_SERVERS"] = string.Join(' ', upstreams.Select(u => $"server {u.Authority};")),
            ["MCP_ACCESS_LOG"] = Path.Combine(directory, AccessLog),
        };
        return Variable().Replace(File.ReadAllText(TemplatePath), match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"{TemplatePath} uses ${{{match.Groups[1].Value}}}, which the tests do not fill in (nor does the envsubst command in docs/deployment.md)."));
    }
}
