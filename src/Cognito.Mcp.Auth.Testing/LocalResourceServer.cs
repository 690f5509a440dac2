namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// A resource server of a <see cref="LocalUserPool"/>: an identifier and the custom scopes it defines, which clients
/// ask for as <c>{Identifier}/{scope}</c>.
/// </summary>
public sealed class LocalResourceServer
{
    internal LocalResourceServer(string identifier, string name, IReadOnlyList<string> scopeNames)
    {
        Identifier = identifier;
        Name = name;
        ScopeNames = scopeNames;
    }

    /// <summary>Gets the identifier, e.g. <c>my-api</c> or <c>https://api.example.com</c>.</summary>
    public string Identifier { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the scope names without the identifier, e.g. <c>read</c>.</summary>
    public IReadOnlyList<string> ScopeNames { get; }

    /// <summary>Gets the full scope values clients ask for, e.g. <c>my-api/read</c>.</summary>
    public IEnumerable<string> Scopes => ScopeNames.Select(s => $"{Identifier}/{s}");

    /// <summary>Gets the scope descriptions by scope name (the management API requires them; the in-process API does not).</summary>
    internal IReadOnlyDictionary<string, string> ScopeDescriptions { get; init; } = new Dictionary<string, string>();

    internal DateTimeOffset Created { get; init; }

    /// <summary>Returns the identifier.</summary>
    /// <returns>The identifier.</returns>
    public override string ToString() => $"LocalResourceServer {Identifier}";
}
