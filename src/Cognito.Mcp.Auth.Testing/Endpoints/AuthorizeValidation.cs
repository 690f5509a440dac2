using System.Text;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>The outcome of validating an authorize request: the request, an error page, or an error redirect.</summary>
internal sealed record AuthorizeValidation(AuthorizeRequest? Request, string? Error, string? PageMessage, string? RedirectUrl)
{
    public static AuthorizeValidation Ok(AuthorizeRequest request) => new(request, null, null, null);

    public static AuthorizeValidation Page(string error, string message) => new(null, error, message, null);

    public static AuthorizeValidation Redirect(string redirectUri, string error, string? state) =>
        new(null, error, null, AppendParameters(redirectUri, '?', ("error", error), ("state", state)));

    /// <summary>Appends form-encoded parameters (skipping nulls) to a query or fragment.</summary>
    public static string AppendParameters(string uri, char separator, params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder(uri);
        var first = separator == '#' || !uri.Contains('?', StringComparison.Ordinal);
        foreach (var (name, value) in parameters.Where(p => p.Value is not null))
        {
            builder.Append(first ? separator : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value!));
            first = false;
        }

        return builder.ToString();
    }
}
