namespace Cognito.Mcp.Auth.Client;

/// <summary>Gives the named token clients registered with <c>AddCognitoTokenClient</c>.</summary>
public interface ICognitoTokenClientFactory
{
    /// <summary>Gets the token client registered under <paramref name="name"/>.</summary>
    /// <param name="name">The client's name; <see cref="string.Empty"/> for the default client.</param>
    /// <returns>The token client (one instance per name).</returns>
    /// <exception cref="InvalidOperationException">No client was registered under that name.</exception>
    ICognitoTokenClient GetClient(string name);
}
