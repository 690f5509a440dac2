namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>Which access tokens the clients send: the same requests go to every server variant in a scenario.</summary>
internal enum TokenScenario
{
    /// <summary>One machine-to-machine client: one client_credentials token, fetched and cached by the token client, reused on every request.</summary>
    M2M,

    /// <summary>Many users (1,000 by default), each with an access token of their own, sent in turn: every request carries a different token from the previous one.</summary>
    Users,
}
