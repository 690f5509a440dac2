using System.Net.Http.Headers;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>Sends the next user's token with each request, in turn, so consecutive requests never share a token.</summary>
internal sealed class RoundRobinTokenHandler(string[] tokens) : DelegatingHandler
{
    private long _sent = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var next = (ulong)Interlocked.Increment(ref _sent) % (ulong)tokens.Length;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[next]);
        return base.SendAsync(request, cancellationToken);
    }
}
