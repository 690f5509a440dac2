using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit3;

namespace Cognito.Mcp.Auth.Testing.Tests.Framework;

/// <summary>
/// Snapshots JSON bodies with Snapshooter after replacing random or secret values (keys, tokens, ports, ids) with
/// fixed markers, so the committed <c>__snapshots__</c> files only change when the wire shape changes.
/// </summary>
internal static class Snapshots
{
    public static void MatchJson(string json, string name, string[]? maskedProperties = null, [CallerFilePath] string testFile = "")
    {
        var node = JsonNode.Parse(json)!;
        Mask(node, maskedProperties ?? []);
        var snapshotName = $"{Path.GetFileNameWithoutExtension(testFile)}.{name}.snap";
        Snapshot.Match(JToken.Parse(node.ToJsonString()), new SnapshotFullName(snapshotName, Path.GetDirectoryName(testFile)!));
    }

    public static string ReplaceBase(string json, LocalCognito cognito) => json.Replace(cognito.BaseAddress, "http://localcognito", StringComparison.Ordinal);

    private static void Mask(JsonNode node, string[] masked)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (masked.Contains(key))
                    {
                        obj[key] = $"<{key}>";
                    }
                    else if (value is not null)
                    {
                        Mask(value, masked);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.Where(i => i is not null))
                {
                    Mask(item!, masked);
                }

                break;
        }
    }
}
