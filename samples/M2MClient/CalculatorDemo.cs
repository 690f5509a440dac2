using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Client;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace M2MClient;

/// <summary>Gets a token, connects, lists the tools and calls each one — the original main.py, with errors explained.</summary>
internal sealed partial class CalculatorDemo(IServiceProvider services, Uri server, TextWriter output, TextWriter error, bool tokenEndpointIsLocal)
{
    public async Task<int> RunAsync(string? token, CancellationToken cancellationToken)
    {
        HttpClient http;
        if (token is not null)
        {
            output.WriteLine("Using provided token");
            http = services.GetRequiredService<IHttpClientFactory>().CreateClient("mcp-static-token");
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        else
        {
            output.WriteLine("No token provided. Getting M2M token from Cognito...");
            try
            {
                var accessToken = await services.GetRequiredService<ICognitoTokenClient>().GetTokenAsync(cancellationToken: cancellationToken);
                var seconds = (int)(accessToken.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds;
                output.WriteLine($"Successfully obtained access token. Token expires in {seconds} seconds");
            }
            catch (CognitoTokenException e)
            {
                return TokenError(e);
            }

            // The handler reuses the cached token and renews it once if the server calls it invalid.
            http = services.GetRequiredService<IHttpClientFactory>().CreateClient("mcp");
        }

        try
        {
            var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server }, http, ownsHttpClient: true);
            await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);

            var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
            output.WriteLine($"Available tools: {string.Join(", ", tools.Select(t => t.Name))}");

            await CallAsync(client, "add", "10 + 20", new() { ["a"] = 10, ["b"] = 20 }, cancellationToken);
            await CallAsync(client, "subtract", "20 - 5", new() { ["a"] = 20, ["b"] = 5 }, cancellationToken);
            await CallAsync(client, "multiply", "6 * 7", new() { ["a"] = 6, ["b"] = 7 }, cancellationToken);
            await CallAsync(client, "divide", "10 / 4", new() { ["a"] = 10, ["b"] = 4 }, cancellationToken);
            await CallAsync(client, "power", "2 ^ 10", new() { ["base"] = 2, ["exponent"] = 10 }, cancellationToken);
            await CallAsync(client, "square_root", "sqrt(16)", new() { ["number"] = 16 }, cancellationToken);
            await CallAsync(client, "divide", "10 / 0", new() { ["a"] = 10, ["b"] = 0 }, cancellationToken);
            await CallAsync(client, "square_root", "sqrt(-1)", new() { ["number"] = -1 }, cancellationToken);
            return 0;
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized)
        {
            error.WriteLine($"Error connecting to MCP server: 401 Unauthorized. {Explain(ChallengeRecorder.LastChallenge)} Get a fresh token, or run without --token to get one from Cognito.");
            return 3;
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Forbidden)
        {
            error.WriteLine($"Error connecting to MCP server: 403 Forbidden. {Explain(ChallengeRecorder.LastChallenge)} Allow the app client that scope in Cognito and request it (Cognito:Scopes).");
            return 4;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.StatusCode is null)
        {
            error.WriteLine($"Error connecting to MCP server: cannot reach {server} ({e.InnerException?.Message ?? e.Message}). Is CalculatorServer running? Start it with: dotnet run --project samples/CalculatorServer");
            return 2;
        }
        catch (CognitoTokenException e)
        {
            return TokenError(e);
        }
    }

    private int TokenError(CognitoTokenException e)
    {
        // No response at all from a token endpoint on this machine: LocalCognito is most likely not running.
        var hint = e.StatusCode is null && e.Error is null && tokenEndpointIsLocal
            ? " Is LocalCognito running? Start it with: dotnet run --project samples/LocalCognito"
            : string.Empty;
        error.WriteLine($"Error getting M2M token: {e.Message}{hint}");
        return 5;
    }

    private async Task CallAsync(McpClient client, string tool, string label, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        output.WriteLine(result.IsError == true ? $"{label} -> error: {text}" : $"{label} = {Format(text)}");
    }

    private static string Format(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value.ToString(CultureInfo.InvariantCulture) : text;

    /// <summary>Turns <c>Bearer error="invalid_token", error_description="…", scope="…"</c> into a sentence.</summary>
    private static string Explain(string? challenge)
    {
        if (string.IsNullOrEmpty(challenge))
        {
            return "The server gave no reason.";
        }

        var parameters = ChallengeParameter().Matches(challenge).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        return parameters.TryGetValue("error", out var error)
            ? $"{parameters.GetValueOrDefault("error_description", error)} ({error}; required scope: {parameters.GetValueOrDefault("scope", "?")})."
            : $"No token was accepted (required scope: {parameters.GetValueOrDefault("scope", "?")}).";
    }

    [GeneratedRegex("""(\w+)="([^"]*)"?""")]
    private static partial Regex ChallengeParameter();
}
