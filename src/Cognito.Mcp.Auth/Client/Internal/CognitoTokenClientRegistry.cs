namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>The names registered with <c>AddCognitoTokenClient</c> (filled while the container is being built).</summary>
internal sealed class CognitoTokenClientRegistry
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Adds the name; false when it was registered already.</summary>
    public bool Add(string name) => _names.Add(name);

    public bool Contains(string name) => _names.Contains(name);
}
