using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Soak;

/// <summary>
/// The innermost handler of a soak client, below <c>AddCognitoAccessTokenHandler()</c>: it sees the request as sent,
/// with its <c>Authorization</c> header, and the answer before the token handler acts on a 401. Reads the token's
/// <c>kid</c> once per token.
/// </summary>
internal sealed class KeyUseRecorder(KeyLedger ledger) : DelegatingHandler
{
    private Seen? _last;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ledger.Sent(KeyIdOf(request.Headers.Authorization?.Parameter));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            ledger.Refused();
        }

        return response;
    }

    private string? KeyIdOf(string? token)
    {
        if (token is null)
        {
            return null;
        }

        var last = Volatile.Read(ref _last);
        if (last is null || !string.Equals(token, last.Token, StringComparison.Ordinal))
        {
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token[..token.IndexOf('.', StringComparison.Ordinal)]));
            last = new Seen(token, header.RootElement.TryGetProperty("kid", out var kid) ? kid.GetString() : null);
            Volatile.Write(ref _last, last);
        }

        return last.KeyId;
    }

    private sealed record Seen(string Token, string? KeyId);
}
