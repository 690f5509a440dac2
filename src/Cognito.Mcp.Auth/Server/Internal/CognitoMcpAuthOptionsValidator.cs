using Cognito.Mcp.Auth.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>Collects every configuration error at once, each naming the setting and the fix.</summary>
internal sealed class CognitoMcpAuthOptionsValidator(CognitoSchemeRegistry registry, IHostEnvironment? environment = null) : IValidateOptions<CognitoMcpAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, CognitoMcpAuthOptions options) =>
        registry.FindByOptionsName(name) is { } registration
            ? new Checker(registration.SectionPath, environment).Validate(options)
            : ValidateOptionsResult.Skip; // options of this type that no AddCognitoMcpAuth registered

    /// <summary>One validation, naming settings under the section its registration bound.</summary>
    private sealed class Checker(string Section, IHostEnvironment? environment)
    {
    public ValidateOptionsResult Validate(CognitoMcpAuthOptions options)
    {
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.UserPoolId))
        {
            errors.Add($"{Section}:UserPoolId is missing. Set it to the id of your Cognito user pool, e.g. \"us-east-1_AbCdEf123\" (Cognito console > User pools).");
        }
        else if (!CognitoUserPoolId.TryGetRegion(options.UserPoolId, out var poolRegion))
        {
            errors.Add($"{Section}:UserPoolId \"{options.UserPoolId}\" is not a user pool id. It looks like \"us-east-1_AbCdEf123\": the region, an underscore, then letters and digits.");
        }
        else if (options.Region is not null && !string.Equals(options.Region, poolRegion, StringComparison.Ordinal))
        {
            errors.Add($"The region \"{options.Region}\" (from {Section}:Region) differs from the region of {Section}:UserPoolId \"{options.UserPoolId}\". Set {Section}:Region to \"{poolRegion}\": the pool's region decides its issuer.");
        }

        if (options.Region is not null && !CognitoUserPoolId.IsRegion(options.Region))
        {
            errors.Add($"{Section}:Region \"{options.Region}\" is not an AWS region name such as \"us-east-1\".");
        }

        if (options.AllowedClientIds.Count == 0 && !options.AllowAnyClientOfPool)
        {
            errors.Add($"{Section}:AllowedClientIds is empty. List the app client ids whose tokens this server accepts (Cognito access tokens have no audience; the client id is what ties a token to you), or set {Section}:AllowAnyClientOfPool to true to accept every client of the pool.");
        }

        if (options.AllowedClientIds.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{Section}:AllowedClientIds contains an empty entry. Remove it.");
        }

        if (options.RequiredScopes.Count == 0)
        {
            errors.Add($"{Section}:RequiredScopes is empty. List the scopes of which a token must carry at least one, e.g. \"my-api/read\" (a scope of your Cognito resource server).");
        }

        foreach (var scope in options.RequiredScopes)
        {
            if (CognitoMcpAuthPostConfigureOptions.UserPoolScopes.Contains(scope, StringComparer.Ordinal))
            {
                errors.Add($"{Section}:RequiredScopes contains \"{scope}\", a scope of the user pool itself that any user signing in to any app client can hold. List a scope of this server's resource server instead, e.g. \"my-api/read\".");
            }
            else if (!string.IsNullOrWhiteSpace(options.ResourceServerIdentifier)
                && !scope.StartsWith(options.ResourceServerIdentifier.Trim() + "/", StringComparison.Ordinal))
            {
                errors.Add($"{Section}:RequiredScopes contains \"{scope}\", which does not belong to {Section}:ResourceServerIdentifier \"{options.ResourceServerIdentifier}\": a token for another API must not open this one. Use \"{options.ResourceServerIdentifier}/...\" scopes, or correct the identifier.");
            }
        }

        ValidateResource(options, errors);
        ValidateIssuer(options, errors);

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{Section}:ClockSkew {options.ClockSkew} is outside 00:00:00–00:05:00. Use a small value such as 00:00:30.");
        }

        if (options.MaxTokenLength is < 1024 or > 256 * 1024)
        {
            errors.Add($"{Section}:MaxTokenLength {options.MaxTokenLength} is outside 1024–262144. Cognito access tokens are a few kilobytes; keep the default 16384.");
        }

        if (options.KeyRefreshInterval < TimeSpan.FromMinutes(5))
        {
            errors.Add($"{Section}:KeyRefreshInterval {options.KeyRefreshInterval} is below 00:05:00, the shortest Microsoft.IdentityModel allows. Keep the default 12:00:00.");
        }

        if (options.UnknownKeyRefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{Section}:UnknownKeyRefreshInterval must be at least one second, or forged key ids could trigger a JWKS download per request.");
        }

        if (options.BackchannelTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:BackchannelTimeout must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateResource(CognitoMcpAuthOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.Resource))
        {
            errors.Add($"{Section}:Resource is missing. Set it to the public URL of your MCP endpoint, e.g. \"https://mcp.example.com/mcp\": clients discover this server's authorization through it.");
            return;
        }

        if (!Uri.TryCreate(options.Resource, UriKind.Absolute, out var resource)
            || (resource.Scheme != Uri.UriSchemeHttps && resource.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(resource.Fragment) || !string.IsNullOrEmpty(resource.Query))
        {
            errors.Add($"{Section}:Resource \"{options.Resource}\" is not an absolute http(s) URL without query or fragment, e.g. \"https://mcp.example.com/mcp\".");
        }
        else if (resource.Scheme == Uri.UriSchemeHttp && !LoopbackAddress.IsLoopback(resource))
        {
            errors.Add($"{Section}:Resource \"{options.Resource}\" uses http. MCP requires https except on localhost; use an https URL.");
        }
    }

    private string EnvironmentName => environment?.EnvironmentName is { Length: > 0 } name ? name : "unknown";

    // Emulator-only settings can never be switched on by accident: Development, or an explicit opt-in.
    private bool EmulatorAllowed(CognitoMcpAuthOptions options) => options.AllowLocalIssuer || environment?.IsDevelopment() == true;

    private void ValidateIssuer(CognitoMcpAuthOptions options, List<string> errors)
    {
        if (options.Issuer is null)
        {
            return; // Reported through UserPoolId.
        }

        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || options.Issuer.EndsWith('/'))
        {
            errors.Add($"{Section}:Issuer \"{options.Issuer}\" is not an absolute URL without a trailing slash, e.g. \"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123\".");
            return;
        }

        if (options.UserPoolId is not null && !options.Issuer.EndsWith("/" + options.UserPoolId, StringComparison.Ordinal))
        {
            errors.Add($"{Section}:Issuer \"{options.Issuer}\" does not end with {Section}:UserPoolId \"{options.UserPoolId}\". Cognito issuers are \"<endpoint>/<user pool id>\".");
        }

        var local = issuer.Scheme != Uri.UriSchemeHttps || LoopbackAddress.IsLoopback(issuer);
        if (issuer.Scheme == Uri.UriSchemeHttp && !LoopbackAddress.IsLoopback(issuer))
        {
            errors.Add($"{Section}:Issuer \"{options.Issuer}\" uses http on a host that is not loopback. Only LocalCognito on 127.0.0.1 may use http.");
        }

        if (local && !EmulatorAllowed(options))
        {
            errors.Add($"{Section}:Issuer \"{options.Issuer}\" is a local emulator (plain http or a loopback host), and the environment is {EnvironmentName}, not Development. Remove {Section}:Issuer to trust the real Cognito issuer, run with ASPNETCORE_ENVIRONMENT=Development, or set {Section}:AllowLocalIssuer to true in a test environment.");
        }

        if (options.MetadataAddress is not null)
        {
            if (!Uri.TryCreate(options.MetadataAddress, UriKind.Absolute, out var metadata))
            {
                errors.Add($"{Section}:MetadataAddress \"{options.MetadataAddress}\" is not an absolute URL.");
            }
            else if (metadata.Scheme != Uri.UriSchemeHttps && !LoopbackAddress.IsLoopback(metadata))
            {
                errors.Add($"{Section}:MetadataAddress \"{options.MetadataAddress}\" must use https (http is allowed only for loopback addresses).");
            }
            else if ((metadata.Scheme != Uri.UriSchemeHttps || LoopbackAddress.IsLoopback(metadata)) && !EmulatorAllowed(options))
            {
                errors.Add($"{Section}:MetadataAddress \"{options.MetadataAddress}\" is a local emulator (plain http or a loopback host), and the environment is {EnvironmentName}, not Development. Remove it, or set {Section}:AllowLocalIssuer to true in a test environment.");
            }
        }
    }
}
}
