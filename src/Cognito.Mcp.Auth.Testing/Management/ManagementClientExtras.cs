namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary>
/// App client values LocalCognito only stores to echo them back through the management API: the token validity
/// units, <c>ExplicitAuthFlows</c> and <c>SupportedIdentityProviders</c>.
/// </summary>
internal sealed record ManagementClientExtras(
    string AccessTokenUnit,
    string IdTokenUnit,
    string RefreshTokenUnit,
    IReadOnlyList<string> ExplicitAuthFlows,
    IReadOnlyList<string> SupportedIdentityProviders)
{
    public static ManagementClientExtras Default { get; } = new("hours", "hours", "days", [], ["COGNITO"]);

    public static TimeSpan ToTimeSpan(int value, string unit) => unit switch
    {
        "seconds" => TimeSpan.FromSeconds(value),
        "minutes" => TimeSpan.FromMinutes(value),
        "hours" => TimeSpan.FromHours(value),
        _ => TimeSpan.FromDays(value),
    };

    public static long FromTimeSpan(TimeSpan value, string unit) => unit switch
    {
        "seconds" => (long)value.TotalSeconds,
        "minutes" => (long)value.TotalMinutes,
        "hours" => (long)value.TotalHours,
        _ => (long)value.TotalDays,
    };
}
