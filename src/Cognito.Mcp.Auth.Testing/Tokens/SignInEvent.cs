namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// One authentication of a user to a client: the values every token of that session shares (<c>origin_jti</c>,
/// <c>event_id</c>, <c>auth_time</c>), kept across refreshes like Cognito.
/// </summary>
internal sealed record SignInEvent(LocalUser User, string OriginJti, string EventId, DateTimeOffset AuthTime);
