using Amazon.Runtime.CredentialManagement;
using Microsoft.Extensions.Configuration;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// The region the standard AWS configuration names, read the way AWSSDK.Extensions.NETCore.Setup and the AWS CLI do,
/// without network: the <c>AWS</c> configuration section (<c>AWS:Region</c>, else the region of <c>AWS:Profile</c>),
/// <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, then the profile's region in the shared config files
/// (<c>AWS_PROFILE</c>, else <c>default</c>). The SDK's own <c>FallbackRegionFactory</c> is not used: it may ask the EC2
/// instance metadata service over the network.
/// </summary>
internal static class AmbientAwsRegion
{
    public static string? Find(IConfiguration? configuration)
    {
        var aws = configuration?.GetSection("AWS").Exists() == true ? configuration.GetAWSOptions() : null;
        return Trimmed(aws?.Region?.SystemName)
            ?? Trimmed(configuration?["AWS_REGION"]) ?? Trimmed(Environment.GetEnvironmentVariable("AWS_REGION"))
            ?? Trimmed(configuration?["AWS_DEFAULT_REGION"]) ?? Trimmed(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"))
            ?? ProfileRegion(
                aws?.Profile ?? Trimmed(configuration?["AWS_PROFILE"]) ?? Trimmed(Environment.GetEnvironmentVariable("AWS_PROFILE")) ?? "default",
                aws?.ProfilesLocation);
    }

    private static string? ProfileRegion(string profile, string? profilesLocation)
    {
        try
        {
            return new CredentialProfileStoreChain(profilesLocation).TryGetProfile(profile, out var found) ? Trimmed(found.Region?.SystemName) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            return null; // An unreadable profile file gives no region; the validator then asks for Cognito:Region.
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
