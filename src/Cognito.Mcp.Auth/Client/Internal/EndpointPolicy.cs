using Cognito.Mcp.Auth.Internal;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>Credentials and tokens travel only over https, except to a loopback host (LocalCognito, tests).</summary>
internal static class EndpointPolicy
{
    public static bool IsAllowed(Uri uri) =>
        uri.IsAbsoluteUri
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && LoopbackAddress.IsLoopback(uri)));
}
