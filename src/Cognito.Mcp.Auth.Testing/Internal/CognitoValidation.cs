using System.Text.RegularExpressions;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// Cognito's validation rules for pools, domains, resource servers, app clients and passwords, raising the exception
/// names Cognito's management API returns.
/// </summary>
internal static partial class CognitoValidation
{
    public static readonly string[] StandardScopes = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

    private static readonly string[] Flows = [LocalOAuthFlows.Code, LocalOAuthFlows.Implicit, LocalOAuthFlows.ClientCredentials];

    public static bool IsCustomScope(string scope) => scope.Contains('/', StringComparison.Ordinal);

    public static void Region(string region)
    {
        if (!RegionPattern().IsMatch(region))
        {
            throw Invalid($"Region '{region}' is not an AWS region name such as us-east-1.");
        }
    }

    /// <summary>
    /// The API reference's constraint on <c>UserPoolId</c> (1 to 55 characters, <c>[\w-]+_[0-9a-zA-Z]+</c>): a malformed
    /// id is a validation error, only a well-formed unknown one is <c>ResourceNotFoundException</c>.
    /// </summary>
    public static void UserPoolId(string id)
    {
        if (id.Length is 0 or > 55 || !UserPoolIdPattern().IsMatch(id))
        {
            throw Invalid($"1 validation error detected: Value '{id}' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+");
        }
    }

    public static void DomainPrefix(string prefix)
    {
        if (!DomainPattern().IsMatch(prefix) || prefix.Contains("aws", StringComparison.Ordinal)
            || prefix.Contains("amazon", StringComparison.Ordinal) || prefix.Contains("cognito", StringComparison.Ordinal))
        {
            throw Invalid($"Domain '{prefix}' is not valid: use 1 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, without the reserved words aws, amazon or cognito.");
        }
    }

    public static void ResourceServer(string identifier, string name, IReadOnlyList<string> scopeNames)
    {
        if (identifier.Length is 0 or > 256 || !ResourceIdentifierPattern().IsMatch(identifier))
        {
            throw Invalid("1 validation error detected: Value at 'identifier' failed to satisfy constraint: Member must have length between 1 and 256 and contain no whitespace.");
        }

        if (name.Length is 0 or > 256)
        {
            throw Invalid("1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length between 1 and 256.");
        }

        if (scopeNames.Count > 100 || scopeNames.Any(s => s.Length is 0 or > 256 || !ScopeNamePattern().IsMatch(s)))
        {
            throw Invalid("Scope names must be 1 to 256 printable characters without '/', '\"', '\\' or spaces, at most 100 of them.");
        }

        if (scopeNames.Distinct(StringComparer.Ordinal).Count() != scopeNames.Count)
        {
            throw Invalid("Duplicate scope names are not allowed.");
        }
    }

    public static void Client(LocalAppClientSettings settings, Func<string, bool> scopeExists)
    {
        if (string.IsNullOrWhiteSpace(settings.Name) || settings.Name.Length > 128 || !ClientNamePattern().IsMatch(settings.Name))
        {
            throw Invalid("1 validation error detected: Value at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+ and have length between 1 and 128.");
        }

        if (settings.ClientId is { } id && !ClientIdPattern().IsMatch(id))
        {
            throw Invalid("A fixed client id must be 1 to 128 letters, digits or underscores.");
        }

        foreach (var flow in settings.AllowedOAuthFlows.Where(f => !Flows.Contains(f, StringComparer.Ordinal)))
        {
            throw Invalid($"1 validation error detected: Value '[{flow}]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy enum value set: [implicit, client_credentials, code].");
        }

        foreach (var scope in settings.AllowedOAuthScopes.Where(s => !StandardScopes.Contains(s, StringComparer.Ordinal) && !scopeExists(s)))
        {
            throw new LocalCognitoException("ScopeDoesNotExistException", $"Invalid scope requested: {scope}");
        }

        var clientCredentials = settings.AllowedOAuthFlows.Contains(LocalOAuthFlows.ClientCredentials, StringComparer.Ordinal);
        if (clientCredentials && settings.AllowedOAuthFlows.Any(f => f is LocalOAuthFlows.Code or LocalOAuthFlows.Implicit))
        {
            throw new LocalCognitoException("InvalidOAuthFlowException", "client_credentials flow can not be selected along with code flow or implicit flow.");
        }

        if (clientCredentials && !settings.GenerateSecret)
        {
            throw new LocalCognitoException("InvalidOAuthFlowException", "client_credentials flow can not be selected if client does not have a client secret.");
        }

        // Assumed (unsure of the exact wording): Cognito refuses client_credentials with OIDC scopes or without custom ones.
        if (clientCredentials && (settings.AllowedOAuthScopes.Count == 0 || !settings.AllowedOAuthScopes.All(IsCustomScope)))
        {
            throw new LocalCognitoException("InvalidOAuthFlowException", "client_credentials flow can only be used with custom scopes (resource server scopes such as my-api/read).");
        }

        var userFlows = settings.AllowedOAuthFlows.Any(f => f is LocalOAuthFlows.Code or LocalOAuthFlows.Implicit);
        if (userFlows && settings.AllowedOAuthFlowsUserPoolClient && settings.CallbackUrls.Count == 0)
        {
            throw Invalid("CallbackURLs can not be empty when the code or implicit flow is enabled.");
        }

        foreach (var url in settings.CallbackUrls.Concat(settings.LogoutUrls).Where(u => !IsAllowedRedirect(u)))
        {
            throw Invalid($"{url} is not a valid redirect URL: it must be absolute, without a fragment, and use HTTPS unless the host is localhost or 127.0.0.1.");
        }

        Validity("AccessTokenValidity", settings.AccessTokenValidity, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        Validity("IdTokenValidity", settings.IdTokenValidity, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        Validity("RefreshTokenValidity", settings.RefreshTokenValidity, TimeSpan.FromMinutes(60), TimeSpan.FromDays(3650));
        if (settings.EmulatorOnlyAccessTokenValidity is { } emulatorOnly)
        {
            // Not Cognito's rule: the emulator-only lifetime has no Cognito limits to copy; whole seconds, as exp is.
            Validity("EmulatorOnlyAccessTokenValidity", emulatorOnly, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
            if (emulatorOnly.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw Invalid($"EmulatorOnlyAccessTokenValidity must be whole seconds, as exp and expires_in are; it was {emulatorOnly}.");
            }
        }
    }

    /// <summary>The pool's password policy as CreateUserPool set it; Cognito's default (8, all classes) without one.</summary>
    public static void Password(PasswordPolicy? policy, string password)
    {
        var minimum = policy?.MinimumLength ?? 8;
        if (password.Length < minimum
            || (policy?.RequireUppercase != false && !password.Any(char.IsUpper))
            || (policy?.RequireLowercase != false && !password.Any(char.IsLower))
            || (policy?.RequireNumbers != false && !password.Any(char.IsDigit))
            || (policy?.RequireSymbols != false && password.All(char.IsLetterOrDigit)))
        {
            throw new LocalCognitoException("InvalidPasswordException", $"Password did not conform with policy: at least {minimum} characters{(policy is null ? " with an uppercase letter, a lowercase letter, a number and a symbol" : ", with the character classes the pool requires")}.");
        }
    }

    public static void Username(string username)
    {
        if (username.Length is 0 or > 128 || !UsernamePattern().IsMatch(username))
        {
            throw Invalid("1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
        }
    }

    public static LocalCognitoException Invalid(string message) => new("InvalidParameterException", message);

    // Assumed (unsure): Cognito allows plain http for localhost; 127.0.0.1 and [::1] are accepted too for local tests.
    private static bool IsAllowedRedirect(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Fragment.Length == 0 && url.Length <= 1024
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "localhost"))
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != "javascript"));

    private static void Validity(string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            throw Invalid($"{name} must be between {min} and {max}; it was {value}.");
        }
    }

    [GeneratedRegex(@"^[a-z]{2}(-gov)?-[a-z]+-\d$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+_[0-9a-zA-Z]+$")]
    private static partial Regex UserPoolIdPattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]+$")]
    private static partial Regex ResourceIdentifierPattern();

    [GeneratedRegex(@"^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$")]
    private static partial Regex ScopeNamePattern();

    [GeneratedRegex(@"^[\w\s+=,.@-]+$")]
    private static partial Regex ClientNamePattern();

    [GeneratedRegex(@"^[\w+]{1,128}$")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex(@"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$")]
    private static partial Regex UsernamePattern();
}
