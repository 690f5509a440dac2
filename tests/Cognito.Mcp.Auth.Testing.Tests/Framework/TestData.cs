namespace Cognito.Mcp.Auth.Testing.Tests.Framework;

/// <summary>Fixed test data in one place.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public const string ApiIdentifier = "orders-api";

    public const string ReadScope = "orders-api/read";

    public const string WriteScope = "orders-api/write";

    public const string Callback = "http://localhost:7000/callback";

    public const string SignOut = "http://localhost:7000/signed-out";

    public const string Username = "alice";

    public const string Password = "Correct-H0rse!";
}
