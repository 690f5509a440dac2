using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.Proxy;

/// <summary>docs/deployment.md shows the nginx configuration the tests run, and its commands fill in all of it.</summary>
public sealed partial class DeploymentGuideTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "deployment.md"));

    private static readonly string Template = File.ReadAllText(McpProxySite.TemplatePath);

    [GeneratedRegex(@"envsubst '([^']*)'")]
    private static partial Regex Envsubst();

    [GeneratedRegex(@"\$\{(MCP_[A-Z_]+)\}")]
    private static partial Regex Variable();

    [Fact]
    public void The_guide_shows_the_nginx_template_the_tests_run() =>
        Assert.Contains("```nginx\n" + Template.TrimEnd('\n') + "\n```", Guide, StringComparison.Ordinal);

    [Fact]
    public void Every_envsubst_command_fills_in_exactly_the_variables_the_template_uses()
    {
        var used = Template.Split('\n').Where(line => !line.TrimStart().StartsWith('#'))
            .SelectMany(line => Variable().Matches(line).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var commands = Envsubst().Matches(Guide + Template).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(6, used.Count);
        Assert.True(commands.Count >= 4, $"{commands.Count} envsubst commands found");
        Assert.All(commands, command => Assert.Equal(
            used.Order(StringComparer.Ordinal),
            Variable().Matches(command).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)));
    }
}
