using System.Net;
using System.Net.Sockets;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// Debian's nginx, started by a test as its own process: one foreground process (<c>daemon off</c>,
/// <c>master_process off</c>) whose configuration, pid file, logs and temp files all live in a folder of the test, so
/// it needs no root, touches nothing of a system nginx and never collides with one. Killed, and its folder deleted, on
/// dispose.
/// </summary>
internal sealed class Nginx : IAsyncDisposable
{
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ExternalProcess _process;

    private Nginx(ExternalProcess process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    /// <summary>Gets the folder with nginx.conf, the site file, the logs and temp files.</summary>
    public string Directory { get; }

    /// <summary>Gets the loopback port the site listens on.</summary>
    public int Port { get; }

    /// <summary>Gets nginx's error log: what it says about a refused configuration or an unreachable upstream.</summary>
    public string ErrorLog => ReadShared(Path.Combine(Directory, "error.log"));

    /// <summary>
    /// A free port of 127.0.0.1 below the kernel's ephemeral range: nginx cannot listen on port 0 and tell which port
    /// it got, and a port from the ephemeral range could meanwhile be handed to any process that listens on port 0 (a
    /// sample, LocalCognito, another test's server).
    /// </summary>
    public static int FreeLoopbackPort()
    {
        var range = File.Exists(EphemeralRange) ? File.ReadAllText(EphemeralRange).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) : [];
        var ephemeralStart = range.Length > 0 && int.TryParse(range[0], out var first) ? first : 32768;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(10000, Math.Max(10001, ephemeralStart));
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free port of 127.0.0.1 between 10000 and {ephemeralStart}.");
    }

    /// <summary>
    /// Writes nginx.conf (process settings, every path inside <paramref name="directory"/>) around
    /// <paramref name="site"/> (an http-context file such as <c>deploy/nginx/mcp.conf.template</c> filled in), starts
    /// nginx and returns once <paramref name="port"/> accepts connections. The folder is deleted on dispose.
    /// </summary>
    public static async Task<Nginx> StartAsync(string directory, int port, string site)
    {
        var sitePath = Path.Combine(directory, "site.conf");
        await File.WriteAllTextAsync(sitePath, site);
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            master_process off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log notice;
            events {
                worker_connections 256;
            }
            http {
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                access_log off;
                include {{sitePath}};
            }
            """);

        // -e: the error log before nginx.conf is read (Debian's default, /var/log/nginx, is root's).
        var process = ExternalProcess.Start(FindExecutable(), ["-p", directory + "/", "-c", config, "-e", Path.Combine(directory, "error.log")], workingDirectory: directory);
        var nginx = new Nginx(process, directory, port);
        try
        {
            await nginx.WaitUntilListeningAsync();
            return nginx;
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }
    }

    /// <summary>The lines nginx wrote to a log file in its folder so far (it writes each request's line when the request ends).</summary>
    public IReadOnlyList<string> ReadLog(string fileName) =>
        ReadShared(Path.Combine(Directory, fileName)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    // nginx prints nothing when it is ready, but it writes its pid file only after it has bound every listening socket
    // (a port taken meanwhile ends it before that): polls for the file with a deadline, then checks the port answers.
    private async Task WaitUntilListeningAsync()
    {
        var pidFile = Path.Combine(Directory, "nginx.pid");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(StartTimeout);
        try
        {
            while (!(File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() == _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"nginx exited at start (exit code {_process.ExitCode}):\n{ErrorLog}\n{_process.Stderr}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }

            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"nginx did not listen on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s:\n{ErrorLog}");
        }
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // Debian installs nginx in /usr/sbin, which a non-root user's PATH often lacks.
    private static string FindExecutable()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/sbin");
        return directories.Select(d => Path.Combine(d, "nginx")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: run `bash test.sh` (it installs Debian's nginx), or `apt-get install nginx`.");
    }
}
