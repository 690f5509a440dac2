using System.Net;

namespace M2MClient;

/// <summary>Keeps the server's last 401/403 WWW-Authenticate header, so a refusal can be explained to the user.</summary>
internal sealed class ChallengeRecorder : DelegatingHandler
{
    public static string? LastChallenge { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            LastChallenge = response.Headers.WwwAuthenticate.ToString();
        }

        return response;
    }
}
