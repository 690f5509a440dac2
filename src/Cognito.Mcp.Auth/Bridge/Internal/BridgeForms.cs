using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Reads the small urlencoded forms the bridge accepts (consent, token, revocation) with tight limits, turning every
/// malformed body into an answer instead of an exception: a declared length of at most 16 KiB, at most 32 fields, short
/// keys. Chunked or multipart bodies are refused before any byte is read.
/// </summary>
internal static class BridgeForms
{
    public const int MaxBytes = 16 * 1024;

    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 32,
        KeyLengthLimit = 64,
        ValueLengthLimit = MaxBytes,
        BufferBody = false,
    };

    public static async Task<(IFormCollection? Form, string? Problem)> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, "The body must be application/x-www-form-urlencoded.");
        }

        if (request.ContentLength is null or > MaxBytes)
        {
            return (null, $"The body must declare a Content-Length of at most {MaxBytes} bytes.");
        }

        try
        {
            context.Features.Set<IFormFeature>(new FormFeature(request, Limits));
            var form = await request.ReadFormAsync(context.RequestAborted);
            return form.Any(p => p.Value.Count > 1)
                ? (null, "A parameter appears more than once.")
                : (form, null);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, "The form is malformed or exceeds this server's limits.");
        }
    }
}
