using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>A form, or why it could not be read.</summary>
internal sealed record FormResult(IFormCollection? Form, string? Error)
{
    public static FormResult Ok(IFormCollection form) => new(form, null);

    public static FormResult Fail(string error) => new(null, error);
}
