using System.Text.RegularExpressions;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>Parses user pool ids: <c>{region}_{id}</c>, e.g. <c>us-east-1_AbCdEf123</c>.</summary>
internal static partial class CognitoUserPoolId
{
    [GeneratedRegex(@"^(?<region>[a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]{1,55}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex RegionPattern();

    public static bool TryGetRegion(string? userPoolId, out string region)
    {
        var match = userPoolId is null ? Match.Empty : Pattern().Match(userPoolId);
        region = match.Success ? match.Groups["region"].Value : "";
        return match.Success;
    }

    public static bool IsRegion(string? value) => value is not null && RegionPattern().IsMatch(value);
}
