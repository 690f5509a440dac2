using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// N workers, each sending <c>tools/call add</c> (Streamable HTTP POST, stateless) one after another until the round's
/// time is up or the shared request budget is spent, whichever comes first. A response counts as a success only if
/// it is 200 and carries the sum.
/// </summary>
internal sealed class LoadGenerator(HttpClient http, Uri endpoint, int concurrency)
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}""");

    public async Task<LoadSample> RunAsync(TimeSpan duration, long maxRequests)
    {
        long budget = maxRequests;
        long errors = 0;
        var latencies = new List<long>[concurrency];
        var clock = Stopwatch.StartNew();
        var workers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            var mine = latencies[i] = new List<long>(capacity: 4096);
            workers[i] = Task.Run(async () =>
            {
                while (clock.Elapsed < duration && Interlocked.Decrement(ref budget) >= 0)
                {
                    var start = Stopwatch.GetTimestamp();
                    if (await SendOnceAsync())
                    {
                        mine.Add(Stopwatch.GetTimestamp() - start);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            });
        }

        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        return new LoadSample(all.Length, errors, elapsed, all);
    }

    /// <summary>Sends one call; false for any failure (status, body, time-out or transport).</summary>
    public async Task<bool> SendOnceAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && text.Contains("\"text\":\"5\"", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }
}
