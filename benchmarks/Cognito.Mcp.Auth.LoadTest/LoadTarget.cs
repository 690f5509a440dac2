namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>One server variant under one scenario's tokens: what a round measures.</summary>
internal sealed record LoadTarget(TokenScenario Scenario, ServerVariant Variant, LoadGenerator Generator)
{
    public override string ToString() => $"{Scenario}/{Variant}";
}
