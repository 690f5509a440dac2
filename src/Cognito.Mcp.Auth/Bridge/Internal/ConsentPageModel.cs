namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>What the consent page shows, every value still unencoded.</summary>
internal sealed record ConsentPageModel(
    string? ClientName,
    string ClientDescription,
    string RedirectDescription,
    IReadOnlyList<string> Scopes,
    string TransactionId,
    string AntiforgeryField,
    string AntiforgeryToken);
