namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>Reads a <c>KEY=value</c> file such as the <c>.env</c> setup.sh writes (comments and blank lines skipped).</summary>
internal static class EnvFile
{
    public static Dictionary<string, string> Read(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal);
}
