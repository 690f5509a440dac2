using System.Net;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Turns a failed token request into a <see cref="CognitoTokenException"/> whose message names the settings to check.
/// Messages never contain the client secret.
/// </summary>
internal static class TokenErrorMessages
{
    public static CognitoTokenException FromErrorResponse(
        CognitoTokenClientOptions options, string clientName, HttpStatusCode status, string? error, string? description, string scope)
    {
        string Setting(string property) => SettingNames.For(options, clientName, property);
        var said = string.IsNullOrEmpty(description) ? string.Empty : $" Cognito said: \"{description}\".";
        var message = error switch
        {
            "invalid_client" =>
                $"Cognito rejected the client credentials (invalid_client): check {Setting(nameof(options.ClientId))} and {Setting(nameof(options.ClientSecret))} (the app client must have a secret).{said}",
            "invalid_scope" =>
                $"Cognito refused the scope '{scope}' (invalid_scope): check {Setting(nameof(options.Scopes))} or the scopes passed to GetTokenAsync against the custom scopes app client {options.ClientId} is allowed.{said}",
            "unauthorized_client" =>
                $"Cognito does not let app client {options.ClientId} use the client credentials grant (unauthorized_client): enable 'Client credentials' in the app client's OAuth settings, or check {Setting(nameof(options.ClientId))}.{said}",
            "invalid_grant" =>
                $"Cognito refused the client credentials grant (invalid_grant): app client {options.ClientId} must allow OAuth flows with client_credentials; check {Setting(nameof(options.ClientId))}.{said}",
            "unsupported_grant_type" =>
                $"The token endpoint does not support client_credentials (unsupported_grant_type): check that {EndpointSetting(options, clientName)} points at a Cognito domain.{said}",
            _ when (int)status == 429 =>
                $"The Cognito token endpoint kept answering HTTP 429 (too many requests{(error is null ? string.Empty : ", " + error)}) after retries, or asked to wait longer than {options.MaxRetryDelay}: lower the request rate or raise {Setting(nameof(options.MaxRetryDelay))}.{said}",
            _ when (int)status >= 500 =>
                $"The Cognito token endpoint kept failing with HTTP {(int)status}{(error is null ? string.Empty : " (" + error + ")")} after {options.MaxRetryAttempts} retries; try again later.{said}",
            not null =>
                $"Cognito refused the token request with HTTP {(int)status} ({error}).{said}",
            _ =>
                $"The token endpoint answered HTTP {(int)status} without an OAuth error: check that {EndpointSetting(options, clientName)} points at the Cognito domain's /oauth2/token.",
        };

        return new CognitoTokenException(message, error, description, status);
    }

    public static CognitoTokenException Timeout(CognitoTokenClientOptions options, string clientName, Uri endpoint, Exception inner) =>
        new(
            $"The Cognito token endpoint {endpoint.GetLeftPart(UriPartial.Path)} did not answer within {options.AttemptTimeout} on any of {options.MaxRetryAttempts + 1} attempts: check network access, or raise {SettingNames.For(options, clientName, nameof(options.AttemptTimeout))}.",
            error: null,
            errorDescription: null,
            statusCode: null,
            inner);

    public static CognitoTokenException Unreachable(CognitoTokenClientOptions options, string clientName, Uri endpoint, Exception inner) =>
        new(
            $"Could not reach the Cognito token endpoint {endpoint.GetLeftPart(UriPartial.Path)} ({inner.Message}): check {EndpointSetting(options, clientName)} and network access.",
            error: null,
            errorDescription: null,
            statusCode: null,
            inner);

    public static CognitoTokenException InvalidResponse(CognitoTokenClientOptions options, string clientName, Uri endpoint, string problem) =>
        new(
            $"The token endpoint {endpoint.GetLeftPart(UriPartial.Path)} sent an unusable response ({problem}): check that {EndpointSetting(options, clientName)} points at a Cognito domain.",
            error: null,
            errorDescription: null,
            statusCode: HttpStatusCode.OK);

    public static CognitoTokenException ScopesNotGranted(CognitoTokenClientOptions options, string clientName, IReadOnlyList<string> missing, string granted) =>
        new(
            $"Cognito issued a token without the requested scope{(missing.Count > 1 ? "s" : string.Empty)} '{string.Join(' ', missing)}' (granted: '{granted}'): app client {options.ClientId} is not allowed {(missing.Count > 1 ? "them" : "it")}. Allow the scope in the app client's custom scopes in Cognito, or stop asking for it ({SettingNames.For(options, clientName, nameof(options.Scopes))} or the scopes passed to GetTokenAsync). The token was not cached.",
            error: "invalid_scope",
            errorDescription: null,
            statusCode: HttpStatusCode.OK);

    public static CognitoTokenException Redirected(CognitoTokenClientOptions options, string clientName, Uri endpoint, Uri? location) =>
        new(
            $"The token endpoint {endpoint.GetLeftPart(UriPartial.Path)} answered with a redirect{(location is null ? string.Empty : " to " + (location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Path) : location.OriginalString.Split('?')[0]))}. Redirects are not followed, because following one would send the client secret to another address: set {EndpointSetting(options, clientName)} to the Cognito domain's /oauth2/token itself.",
            error: null,
            errorDescription: null,
            statusCode: null);

    public static string EndpointSetting(CognitoTokenClientOptions options, string clientName)
    {
        var property = options switch
        {
            { TokenEndpoint: not null } => nameof(options.TokenEndpoint),
            { Domain: not null } => nameof(options.Domain),
            { McpServerUrl: not null } => nameof(options.McpServerUrl),
            _ => nameof(options.DomainPrefix),
        };
        return SettingNames.For(options, clientName, property);
    }
}
