using System.Reflection;
using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Tests;

/// <summary>docs/configuration.md names exactly the settings the options classes have: none missing, none invented.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string Configuration = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));

    [Fact]
    public void Every_server_option_is_documented_and_every_documented_server_key_exists() =>
        AssertSame(ServerKeys(Section("## Server:", "### How the AWS region")), Settable(typeof(CognitoMcpAuthOptions)));

    [Fact]
    public void Every_token_client_option_is_documented_and_every_documented_client_key_exists() =>
        AssertSame(Keys(Section("## Client:", "### What is checked at start-up (client)"), CognitoKey()), Settable(typeof(CognitoTokenClientOptions)));

    [Fact]
    public void Every_bridge_option_is_documented_and_every_documented_bridge_key_exists() =>
        AssertSame(
            Keys(Section("## Authorization bridge:", "## LocalCognito"), BridgeKey()),
            Settable(typeof(CognitoAuthorizationBridgeOptions)).Concat(Settable(typeof(ConsentPageOptions)).Select(name => "ConsentPage:" + name)));

    [GeneratedRegex(@"`Cognito:AuthorizationBridge:([\w:]+)`")]
    private static partial Regex BridgeKey();

    [Fact]
    public void Every_LocalCognito_option_is_documented_and_every_documented_one_exists() =>
        AssertSame(Keys(Section("### `LocalCognitoOptions`", "Entry points:"), PropertyCell()), Settable(typeof(LocalCognitoOptions)));

    [Fact]
    public void Every_app_client_setting_is_documented_and_every_documented_one_exists() =>
        AssertSame(Keys(Section("### `LocalAppClientSettings`", "Invalid combinations"), PropertyCell()), Settable(typeof(LocalAppClientSettings)));

    [Fact]
    public void Every_log_event_is_listed_in_observability_md_with_its_level()
    {
        var observability = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "observability.md"));
        var events = typeof(CognitoMcpAuthOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(m => m.GetCustomAttribute<Microsoft.Extensions.Logging.LoggerMessageAttribute>())
            .OfType<Microsoft.Extensions.Logging.LoggerMessageAttribute>()
            .Select(a => $"{a.EventId} {a.Level}");
        var documented = observability.Split('\n').Where(line => LogRow().IsMatch(line))
            .Select(line => line.Split('|')).Select(cells => $"{cells[1].Trim()} {cells[3].Trim()}"); // | id | name | level | …

        AssertSame(documented, events);
    }

    [GeneratedRegex(@"^\| \d{4} \|")]
    private static partial Regex LogRow();

    private static void AssertSame(IEnumerable<string> documented, IEnumerable<string> actual)
    {
        var doc = documented.ToHashSet(StringComparer.Ordinal);
        var code = actual.ToHashSet(StringComparer.Ordinal);
        Assert.Empty(code.Except(doc).Order(StringComparer.Ordinal)); // in code, not in the docs
        Assert.Empty(doc.Except(code).Order(StringComparer.Ordinal)); // in the docs, not in code
    }

    private static IEnumerable<string> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod?.IsPublic == true || p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IList<>))
            .Select(p => p.Name);

    private static string Section(string start, string end)
    {
        var from = Configuration.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"docs/configuration.md has no '{start}'");
        var to = Configuration.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to > from, $"docs/configuration.md has no '{end}' after '{start}'");
        return Configuration[from..to];
    }

    /// <summary>Names from the first cell of each table row (every backticked name in it).</summary>
    private static IEnumerable<string> Keys(string section, Regex name) =>
        section.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => name.Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"`Cognito:(\w+)`")]
    private static partial Regex CognitoKey();

    /// <summary>`Cognito:Key` for settings that bind from configuration, plus the rows of `Name` (code only).</summary>
    private static IEnumerable<string> ServerKeys(string section) =>
        Keys(section, CognitoKey()).Concat(Keys(
            string.Join('\n', section.Split('\n').Where(line => line.Split('|') is [_, var first, ..] && first.Contains("(code only)", StringComparison.Ordinal))),
            PropertyCell()));

    [GeneratedRegex(@"`(\w+)`")]
    private static partial Regex PropertyCell();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cognito.Mcp.Auth.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Cognito.Mcp.Auth.sln) was not found above " + AppContext.BaseDirectory);
    }
}
