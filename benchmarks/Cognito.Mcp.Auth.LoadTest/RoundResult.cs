namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>One timed round against one server in one scenario, with the machine's 1-minute load average at the round's start.</summary>
internal sealed record RoundResult(TokenScenario Scenario, ServerVariant Variant, int Round, double? LoadAverage, LoadSample Sample);
