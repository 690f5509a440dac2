using System.Globalization;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// The machine's load average (Linux <c>/proc/loadavg</c>), for the reports of every benchmark here (compiled into the
/// micro-benchmarks and the pipeline benchmark too); null or "n/a" where there is none.
/// </summary>
internal static class LoadAverage
{
    /// <summary>The 1-minute figure.</summary>
    public static double? OneMinute() =>
        Read() is { } figures && double.TryParse(figures[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The 1-, 5- and 15-minute figures as the kernel writes them, e.g. <c>1.83 2.50 3.77</c>.</summary>
    public static string Figures() => Read() is { } figures ? string.Join(' ', figures.Take(3)) : "n/a";

    private static string[]? Read()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
