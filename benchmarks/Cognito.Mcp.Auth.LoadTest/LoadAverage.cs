using System.Globalization;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>The machine's 1-minute load average (Linux <c>/proc/loadavg</c>); null where there is none.</summary>
internal static class LoadAverage
{
    public static double? OneMinute()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
