using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// A client configured with <c>DomainPrefix</c> and no <c>Region</c> takes the region from the standard AWS
/// configuration (<see cref="AmbientAwsRegion"/>): its token endpoint is <c>https://{prefix}.auth.{region}.amazoncognito.com</c>.
/// </summary>
internal sealed class CognitoTokenClientPostConfigureOptions(IConfiguration? configuration = null) : IPostConfigureOptions<CognitoTokenClientOptions>
{
    public void PostConfigure(string? name, CognitoTokenClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.DomainPrefix) && string.IsNullOrWhiteSpace(options.Region))
        {
            options.Region = AmbientAwsRegion.Find(configuration);
        }
    }
}
