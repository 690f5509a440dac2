using Cognito.Mcp.Auth.Client;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static WebLogin.Html;

namespace WebLogin;

/// <summary>
/// GET /m2m-demo: a client_credentials token (the M2M client, read + write), then <c>add(10, 20)</c> on
/// CalculatorServer through the MCP client, whose HttpClient attaches the token (<c>AddCognitoAccessTokenHandler</c>).
/// Mapped with <c>RequireAuthorization</c>: anonymous visitors are sent to sign in and never reach the token client.
/// </summary>
internal static class M2MDemo
{
    public const string HttpClientName = "calculator";

    public static async Task<IResult> ShowAsync(
        ICognitoTokenClient tokenClient, IHttpClientFactory httpClients, IConfiguration configuration, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        CognitoAccessToken token;
        try
        {
            token = await tokenClient.GetTokenAsync(cancellationToken: cancellationToken);
        }
        catch (CognitoTokenException e)
        {
            return Page("Machine-to-machine demo", $"""<p class="error" id="error">Could not get a token from Cognito: {E(e.Message)}</p>""", StatusCodes.Status502BadGateway);
        }

        var tokenHtml = $"<p>Token for <code>{E(token.Scope)}</code>, expires {E(token.ExpiresAt.ToString("u"))}.</p>{Jwt("Access token", token.Value)}";
        var mcpUrl = new Uri(configuration["Calculator:McpUrl"] ?? "http://localhost:8080/mcp");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            var transport = new HttpClientTransport(
                new HttpClientTransportOptions { Endpoint = mcpUrl, TransportMode = HttpTransportMode.StreamableHttp },
                httpClients.CreateClient(HttpClientName),
                loggerFactory,
                ownsHttpClient: true);
            // The default probe for the 2026-07-28 protocol is short; a server still warming up would miss it and the
            // SDK's fallback to initialize is then refused (header/body version mismatch), so give it time.
            var clientOptions = new McpClientOptions { DiscoverProbeTimeout = TimeSpan.FromSeconds(10) };
            await using var client = await McpClient.CreateAsync(transport, clientOptions, cancellationToken: timeout.Token);
            var result = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 10, ["b"] = 20 }, cancellationToken: timeout.Token);
            var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
            return Page("Machine-to-machine demo", $"""<p>CalculatorServer at {E(mcpUrl)}: <b id="result">10 + 20 = {E(text)}</b></p>{tokenHtml}""");
        }
        catch (Exception e) when (e is HttpRequestException or McpException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Page("Machine-to-machine demo", $"""
                <p class="error" id="error">Could not call CalculatorServer at {E(mcpUrl)}: {E(e.Message)}</p>
                <p>Is it running? Start it with <code>dotnet run --project samples/CalculatorServer</code>.</p>
                {tokenHtml}
                """, StatusCodes.Status502BadGateway);
        }
    }
}
