using System.Reflection;
using System.Text.Json;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

/// <summary>Tracks the public API other engineers code against, and the sealed-by-default rule.</summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Library = typeof(LocalCognito).Assembly;

    [Fact]
    public void Public_api_matches_the_snapshot()
    {
        var api = Library.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal).Select(type => new
        {
            Type = $"{Kind(type)} {type.FullName}",
            Members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true })
                .Select(Describe)
                .Order(StringComparer.Ordinal)
                .ToList(),
        });

        Snapshots.MatchJson(JsonSerializer.Serialize(api), "public-api");
    }

    [Fact]
    public void Public_classes_are_sealed_or_static()
    {
        var unsealed = Library.GetExportedTypes().Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName);

        Assert.Empty(unsealed);
    }

    private static string Kind(Type type) => type switch
    {
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsClass: true } => "sealed class",
        _ => "type",
    };

    private static string Describe(MemberInfo member) => member switch
    {
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : "")}{(p.SetMethod?.IsPublic == true ? "set; " : "")}}}",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}({Parameters(m)})",
        ConstructorInfo c => $"ctor({Parameters(c)})",
        FieldInfo f => $"{(f.IsLiteral ? "const " : "static ")}{Name(f.FieldType)} {f.Name}",
        _ => member.Name,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = default" : "")}"));

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;
}
