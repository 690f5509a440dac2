using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body, the only kind Cognito's OAuth endpoints accept, and
/// refuses a repeated parameter (RFC 6749 §3.2).
/// </summary>
internal static class FormReader
{
    public static async Task<FormResult> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return FormResult.Fail("Content-Type must be application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException or InvalidOperationException)
        {
            return FormResult.Fail("The request body is malformed or too large.");
        }

        var repeated = form.FirstOrDefault(f => f.Value.Count > 1).Key;
        return repeated is not null
            ? FormResult.Fail($"The parameter {repeated} is repeated.")
            : FormResult.Ok(form);
    }

    public static string? Value(this IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;
}
