using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cognito.Mcp.Auth.Diagnostics;
using Cognito.Mcp.Auth.Internal;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Sends one client_credentials request (retries and timeouts come from the HTTP client's resilience pipeline) and
/// reads the answer, turning every failure into a <see cref="CognitoTokenException"/>.
/// </summary>
internal sealed class TokenEndpointRequester(
    IHttpClientFactory httpClientFactory,
    TokenClientTelemetry telemetry,
    ILogger logger)
{
    public async Task<TokenResponse> RequestAsync(
        string clientName, CognitoTokenClientOptions options, Uri endpoint, string scope, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            return await RequestCoreAsync(clientName, options, endpoint, scope, cancellationToken);
        }
        catch (CognitoTokenException exception)
        {
            error = exception.Error ?? "failed";
            throw;
        }
        catch (OperationCanceledException)
        {
            error = "canceled";
            throw;
        }
        finally
        {
            telemetry.Duration(clientName, Stopwatch.GetElapsedTime(started), error);
        }
    }

    private async Task<TokenResponse> RequestCoreAsync(
        string clientName, CognitoTokenClientOptions options, Uri endpoint, string scope, CancellationToken cancellationToken)
    {
        using var activity = TokenClientTelemetry.ActivitySource.StartActivity("cognito.token_client.request", ActivityKind.Client);
        activity?.SetTag("cognito.client", clientName);
        activity?.SetTag("oauth.scope", scope);
        activity?.SetTag("url.full", endpoint.GetLeftPart(UriPartial.Path));
        TokenClientLog.Requesting(logger, clientName, scope, endpoint.GetLeftPart(UriPartial.Path));
        telemetry.Request(clientName);

        using var request = CreateRequest(options, endpoint, scope);
        var http = httpClientFactory.CreateClient(CognitoTokenClientDefaults.GetHttpClientName(clientName));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            var redirected = response.RequestMessage?.RequestUri is { } final && final.GetLeftPart(UriPartial.Path) != endpoint.GetLeftPart(UriPartial.Path);
            if ((int)response.StatusCode is >= 300 and < 400 || redirected)
            {
                Fail(clientName, activity, "redirect");
                throw TokenErrorMessages.Redirected(options, clientName, endpoint, response.Headers.Location ?? response.RequestMessage?.RequestUri);
            }

            var body = await BoundedContent.ReadAsync(response.Content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var (error, description) = body is null ? (null, null) : ReadError(body);
                var errorType = error ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                TokenClientLog.Refused(logger, clientName, (int)response.StatusCode, errorType);
                Fail(clientName, activity, errorType);
                throw TokenErrorMessages.FromErrorResponse(options, clientName, response.StatusCode, error, description, scope);
            }

            if (body is null)
            {
                throw InvalidResponse($"the body is larger than {BoundedContent.MaxBytes} bytes");
            }

            var token = TokenResponse.Parse(body, out var problem) ?? throw InvalidResponse(problem);
            if (GrantedScopes.Missing(scope, token, out var granted) is { Count: > 0 } missing)
            {
                TokenClientLog.ScopesNotGranted(logger, clientName, string.Join(' ', missing), granted ?? string.Empty);
                Fail(clientName, activity, "scope_not_granted");
                throw TokenErrorMessages.ScopesNotGranted(options, clientName, missing, granted ?? string.Empty);
            }

            return token;
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            TokenClientLog.Unreachable(logger, clientName, endpoint.GetLeftPart(UriPartial.Path), ex);
            var error = ex is HttpRequestException or IOException ? "network" : "timeout";
            Fail(clientName, activity, error);
            throw error == "timeout"
                ? TokenErrorMessages.Timeout(options, clientName, endpoint, ex)
                : TokenErrorMessages.Unreachable(options, clientName, endpoint, ex);
        }

        CognitoTokenException InvalidResponse(string problem)
        {
            Fail(clientName, activity, "invalid_response");
            return TokenErrorMessages.InvalidResponse(options, clientName, endpoint, problem);
        }
    }

    private void Fail(string clientName, Activity? activity, string errorType)
    {
        telemetry.Failure(clientName, errorType);
        activity?.SetStatus(ActivityStatusCode.Error, errorType);
        activity?.SetTag("error.type", errorType);
    }

    private static HttpRequestMessage CreateRequest(CognitoTokenClientOptions options, Uri endpoint, string scope)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (scope.Length > 0)
        {
            form.Add(new("scope", scope));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (options.ClientAuthentication == CognitoClientAuthentication.ClientSecretPost)
        {
            form.Add(new("client_id", options.ClientId!));
            form.Add(new("client_secret", options.ClientSecret!));
        }
        else
        {
            // RFC 6749 section 2.3.1: form-encode id and secret before Base64. Cognito ids and secrets are
            // alphanumeric, so this equals the plain form Cognito documents.
            var credentials = $"{Uri.EscapeDataString(options.ClientId!)}:{Uri.EscapeDataString(options.ClientSecret!)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    private static (string? Error, string? Description) ReadError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (JsonProperties.GetString(root, "error"), JsonProperties.GetString(root, "error_description"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
