using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cognito.Mcp.Auth.Client.Internal;
using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cognito.Mcp.Auth.Client;

/// <summary>
/// Adds <c>Authorization: Bearer {token}</c> from an <see cref="ICognitoTokenClient"/> to every request. When the
/// resource server answers 401 with <c>WWW-Authenticate: Bearer error="invalid_token"</c>, it renews the token once
/// (bypassing the cache; concurrent renewals share one request) and sends the request again — only when the content
/// can be sent twice (no content, or string, byte-array, form or JSON content), and only when the refusal came from the
/// server the request was sent to (not from one a redirect led to). When a renewed token is refused as well, the token
/// client stops renewing for that scope for a while when that happens within 30 seconds of the renewal (30 seconds, doubling up to 15 minutes), so a server that refuses
/// every token cannot turn each call into a Cognito token request. Attach it with
/// <c>IHttpClientBuilder.AddCognitoAccessTokenHandler()</c>, or wrap it around a handler yourself for an MCP client's
/// <c>HttpClientTransport</c>.
/// </summary>
public sealed class CognitoAccessTokenHandler : DelegatingHandler
{
    private readonly ICognitoTokenClient _tokenClient;
    private readonly string[]? _scopes;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="CognitoAccessTokenHandler"/> class.</summary>
    /// <param name="tokenClient">The client that supplies tokens.</param>
    /// <param name="scopes">The scopes to request; <see langword="null"/> for the client's default scopes.</param>
    /// <param name="logger">The logger; <see langword="null"/> for none.</param>
    public CognitoAccessTokenHandler(ICognitoTokenClient tokenClient, IEnumerable<string>? scopes = null, ILogger<CognitoAccessTokenHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tokenClient);
        _tokenClient = tokenClient;
        _scopes = scopes?.ToArray();
        _logger = logger ?? NullLogger<CognitoAccessTokenHandler>.Instance;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await _tokenClient.GetTokenAsync(_scopes, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var authority = request.RequestUri?.GetLeftPart(UriPartial.Authority);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !BearerChallenge.IsInvalidToken(response))
        {
            return response;
        }

        var target = request.RequestUri?.GetLeftPart(UriPartial.Path) ?? string.Empty;
        var answeredBy = response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Authority) ?? authority;
        if (!string.Equals(answeredBy, authority, StringComparison.OrdinalIgnoreCase))
        {
            // A redirect took the request elsewhere: that server's opinion of our token is no reason to renew it.
            TokenClientLog.RedirectedNotRenewed(_logger, response.RequestMessage!.RequestUri!.GetLeftPart(UriPartial.Path), _tokenClient.Name, authority ?? string.Empty);
            return response;
        }

        if (!CanResend(request.Content))
        {
            TokenClientLog.CannotResend(_logger, target, _tokenClient.Name);
            return response;
        }

        TokenClientLog.TokenRejected(_logger, target, _tokenClient.Name);
        CognitoAccessToken renewed;
        try
        {
            renewed = await _tokenClient.RenewTokenAsync(_scopes, token, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (string.Equals(renewed.Value, token.Value, StringComparison.Ordinal))
        {
            return response; // The token client is backing off: a renewed token was refused before.
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.Value);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Not supported: token requests are asynchronous.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{nameof(CognitoAccessTokenHandler)} is asynchronous only: use HttpClient.SendAsync.");

    // These content types produce the same bytes each time they are serialized (JsonContent serializes its value
    // again); a stream can be read only once.
    private static bool CanResend(HttpContent? content) =>
        content is null or ByteArrayContent or ReadOnlyMemoryContent or JsonContent;
}
