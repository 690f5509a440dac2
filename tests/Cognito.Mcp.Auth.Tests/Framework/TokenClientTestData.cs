namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>Fixed values the token client tests share.</summary>
public static class TokenClientTestData
{
    /// <summary>The fake clock's start.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// How long a test waits for something that should happen at once before it fails instead of hanging. Only a
    /// safety net: no assertion depends on it.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A secret that is wrong for every client; tests check it never leaks.</summary>
    public const string WrongSecret = "wrongsecret0123456789abcdefghijklmnopqrstuvwxyzABCD";
}
