using Cognito.Mcp.Auth.Internal;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>Checks token client options at start-up and reports every problem at once, each with its setting and fix.</summary>
internal sealed class CognitoTokenClientOptionsValidator : IValidateOptions<CognitoTokenClientOptions>
{
    public ValidateOptionsResult Validate(string? name, CognitoTokenClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientName = name ?? Options.DefaultName;
        var errors = new List<string>();
        string Setting(string property) => SettingNames.For(options, clientName, property);

        var endpointSources = new List<string>();
        if (options.TokenEndpoint is not null)
        {
            endpointSources.Add(Setting(nameof(options.TokenEndpoint)));
            CheckUrl(options.TokenEndpoint, Setting(nameof(options.TokenEndpoint)), errors);
        }

        if (options.Domain is not null)
        {
            endpointSources.Add(Setting(nameof(options.Domain)));
            CheckUrl(options.Domain, Setting(nameof(options.Domain)), errors);
        }

        if (!string.IsNullOrWhiteSpace(options.DomainPrefix) || !string.IsNullOrWhiteSpace(options.Region))
        {
            endpointSources.Add(Setting(nameof(options.DomainPrefix)));
            if (string.IsNullOrWhiteSpace(options.DomainPrefix) || string.IsNullOrWhiteSpace(options.Region))
            {
                errors.Add($"{Setting(nameof(options.DomainPrefix))} and {Setting(nameof(options.Region))} go together: set both (e.g. 'my-pool' and 'us-east-1' for https://my-pool.auth.us-east-1.amazoncognito.com); the region may also come from the AWS configuration (AWS:Region, AWS_REGION or the profile's region).");
            }
            else if (!Uri.CheckHostName(CognitoUrls.DomainHost(options.DomainPrefix, options.Region)).Equals(UriHostNameType.Dns))
            {
                errors.Add($"{Setting(nameof(options.DomainPrefix))} '{options.DomainPrefix}' and {Setting(nameof(options.Region))} '{options.Region}' do not form a host name: use the prefix only, without scheme or dots (e.g. 'my-pool'), and a region such as 'us-east-1'.");
            }
        }

        if (options.McpServerUrl is not null)
        {
            endpointSources.Add(Setting(nameof(options.McpServerUrl)));
            CheckUrl(options.McpServerUrl, Setting(nameof(options.McpServerUrl)), errors);
        }

        if (options.McpServerUrl is not null)
        {
            CheckDiscoveryTrust(options, Setting, errors);
        }

        if (options.Scopes.All(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{Setting(nameof(options.Scopes))} is empty: list the scopes this client needs, e.g. 'my-api/read'. Without a scope Cognito grants every scope the app client holds, which is more than a client should carry; and an MCP server is not asked, since it could ask for another API's scope and receive that token.");
        }

        if (endpointSources.Count == 0)
        {
            errors.Add($"The token endpoint is not configured: set {Setting(nameof(options.DomainPrefix))} and {Setting(nameof(options.Region))}, or {Setting(nameof(options.Domain))} (a custom domain), or {Setting(nameof(options.TokenEndpoint))}, or {Setting(nameof(options.McpServerUrl))} to discover it.");
        }
        else if (endpointSources.Count > 1)
        {
            errors.Add($"The token endpoint is configured more than once ({string.Join(", ", endpointSources)}): keep exactly one of them.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{Setting(nameof(options.ClientId))} is required: set it to the app client id shown in the Cognito console (App clients).");
        }

        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            errors.Add($"{Setting(nameof(options.ClientSecret))} is required: client_credentials needs a confidential app client; set it from a secret store, not source control.");
        }

        if (!Enum.IsDefined(options.ClientAuthentication))
        {
            errors.Add($"{Setting(nameof(options.ClientAuthentication))} must be ClientSecretBasic or ClientSecretPost.");
        }

        CheckDuration(options.RefreshBeforeExpiry, allowZero: true, Setting(nameof(options.RefreshBeforeExpiry)), errors);
        CheckDuration(options.RetryDelay, allowZero: true, Setting(nameof(options.RetryDelay)), errors);
        CheckDuration(options.MaxRetryDelay, allowZero: true, Setting(nameof(options.MaxRetryDelay)), errors);
        CheckDuration(options.AttemptTimeout, allowZero: false, Setting(nameof(options.AttemptTimeout)), errors);
        CheckDuration(options.DiscoveryCacheDuration, allowZero: true, Setting(nameof(options.DiscoveryCacheDuration)), errors);
        if (options.AttemptTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"{Setting(nameof(options.AttemptTimeout))} must be at most one day.");
        }

        CheckDuration(options.LockWaitTimeout, allowZero: true, Setting(nameof(options.LockWaitTimeout)), errors);
        if (options.LockWaitTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Setting(nameof(options.LockWaitTimeout))} must be at most 10 minutes; it is {options.LockWaitTimeout}. Callers wait this long at most for another process's token.");
        }

        if (options.MaxRetryAttempts is < 0 or > 100)
        {
            errors.Add($"{Setting(nameof(options.MaxRetryAttempts))} must be between 0 (no retries) and 100; it is {options.MaxRetryAttempts}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckDiscoveryTrust(CognitoTokenClientOptions options, Func<string, string> setting, List<string> errors)
    {
        var poolRegion = string.Empty;
        if (options.UserPoolId is not null && !Server.Internal.CognitoUserPoolId.TryGetRegion(options.UserPoolId, out poolRegion))
        {
            errors.Add($"{setting(nameof(options.UserPoolId))} '{options.UserPoolId}' is not a user pool id such as 'us-east-1_AbCdEf123'.");
        }

        if (options.ExpectedIssuer is { } issuer)
        {
            if (!issuer.IsAbsoluteUri || !EndpointPolicy.IsAllowed(issuer) || issuer.AbsoluteUri.EndsWith('/') || issuer.Query.Length > 0 || issuer.Fragment.Length > 0)
            {
                errors.Add($"{setting(nameof(options.ExpectedIssuer))} '{issuer}' must be the pool's issuer URL, https and without a trailing slash, e.g. 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123'.");
            }
            else if (poolRegion.Length > 0 && !issuer.AbsoluteUri.EndsWith("/" + options.UserPoolId, StringComparison.Ordinal))
            {
                errors.Add($"{setting(nameof(options.ExpectedIssuer))} '{issuer}' does not end with {setting(nameof(options.UserPoolId))} '{options.UserPoolId}': keep one of them.");
            }
        }

        foreach (var host in options.AllowedTokenEndpointHosts)
        {
            if (!TrustedTokenEndpoints.IsValidHostPattern(host))
            {
                errors.Add($"{setting(nameof(options.AllowedTokenEndpointHosts))} entry '{host}' is not a host name: write 'auth.example.com', '*.example.com' or '127.0.0.1', without scheme, port or path.");
            }
        }
    }

    private static void CheckUrl(Uri url, string setting, List<string> errors)
    {
        if (!url.IsAbsoluteUri)
        {
            errors.Add($"{setting} '{url}' must be an absolute URL such as https://auth.example.com.");
        }
        else if (!EndpointPolicy.IsAllowed(url))
        {
            errors.Add($"{setting} '{url}' must use https (plain http is allowed only for loopback hosts such as 127.0.0.1).");
        }
    }

    private static void CheckDuration(TimeSpan value, bool allowZero, string setting, List<string> errors)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            errors.Add($"{setting} must be {(allowZero ? "zero or positive" : "positive")}; it is {value}.");
        }
    }
}
