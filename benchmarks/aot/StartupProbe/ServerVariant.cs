using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Cognito.Mcp.Auth.StartupProbe;

/// <summary>A way to start CalculatorServer: the native binary, or <c>dotnet CalculatorServer.dll</c>.</summary>
internal sealed record ServerVariant(string Name, string FileName, string[] Arguments, string Folder)
{
    /// <summary>
    /// Starts the server on a free loopback port and times, from just before <see cref="Process.Start()"/>: the
    /// "Now listening on" line, then the end of the first authorized <c>tools/call</c> (sent as soon as that line is
    /// read). Then reads the peak RSS (<c>VmHWM</c>), makes <paramref name="calls"/> more calls, reads it again, and
    /// kills the process.
    /// </summary>
    public async Task<StartResult> MeasureAsync(string issuer, string token, int calls)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        foreach (var argument in Arguments.Concat(["--urls", $"http://127.0.0.1:{port}", "--contentRoot", Folder]))
        {
            start.ArgumentList.Add(argument);
        }

        // Production, as deployed: LocalCognito's loopback issuer is then allowed explicitly.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["SETUP_ENV_FILE"] = "/dev/null";
        start.Environment["Cognito__Issuer"] = issuer;
        start.Environment["Cognito__AllowLocalIssuer"] = "true";
        start.Environment["Cognito__Resource"] = $"http://127.0.0.1:{port}/mcp";

        using var process = new Process { StartInfo = start };
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Now listening on:", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };

        using var http = new HttpClient();
        var watch = Stopwatch.StartNew();
        process.Start();
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var listeningMs = watch.Elapsed.TotalMilliseconds;
            await CallAsync(http, port, token, 0);
            var firstCallMs = watch.Elapsed.TotalMilliseconds;
            var afterFirst = Status(process.Id, "VmHWM");
            for (var i = 1; i <= calls; i++)
            {
                await CallAsync(http, port, token, i);
            }

            return new StartResult(listeningMs, firstCallMs, afterFirst, Status(process.Id, "VmHWM"));
        }
        catch (Exception e) when (e is TimeoutException or HttpRequestException or InvalidOperationException)
        {
            lock (output)
            {
                throw new InvalidOperationException($"{Name}: {e.Message}\n{output}", e);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task CallAsync(HttpClient http, int port, string token, int id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/mcp")
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}},"id":""" + id.ToString(CultureInfo.InvariantCulture) + "}",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"text\":\"3\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"tools/call answered {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>A <c>/proc/{pid}/status</c> line in kB, e.g. <c>VmHWM</c> (peak resident set size).</summary>
    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
