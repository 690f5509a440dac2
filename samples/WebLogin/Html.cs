using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WebLogin;

/// <summary>Small HTML pages. Every value that is not a literal goes through <see cref="E"/>.</summary>
internal static class Html
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>HTML-encodes a value.</summary>
    public static string E(object? value) => HtmlEncoder.Default.Encode(value?.ToString() ?? "");

    /// <summary>A complete page; <paramref name="body"/> must already be encoded.</summary>
    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Text(
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{E(title)} - WebLogin</title>
        <style>body{"{"}font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem{"}"}pre{"{"}background:#f4f4f4;padding:.5rem;overflow:auto{"}"}.error{"{"}color:#b00{"}"}</style>
        </head><body>
        <p><a href="/">Home</a> · <a href="/profile">Profile</a> · <a href="/m2m-demo">M2M demo</a></p>
        <h1>{E(title)}</h1>
        {body}
        </body></html>
        """,
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);

    /// <summary>A POST form to /logout carrying the antiforgery token.</summary>
    public static string LogoutForm(string fieldName, string? token) =>
        $"""<form method="post" action="/logout"><input type="hidden" name="{E(fieldName)}" value="{E(token)}"><button type="submit">Log out</button></form>""";

    /// <summary>A JWT's header and payload, decoded and indented; the signature is never shown.</summary>
    public static string Jwt(string label, string? jwt)
    {
        var parts = jwt?.Split('.') ?? [];
        if (parts.Length != 3)
        {
            return $"<h3>{E(label)}</h3><p>(none)</p>";
        }

        return $"<h3>{E(label)}</h3><p>Header</p><pre>{E(DecodeJson(parts[0]))}</pre><p>Payload</p><pre>{E(DecodeJson(parts[1]))}</pre><p>Signature: not shown.</p>";
    }

    /// <summary>Indented JSON.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Indented) ?? "";

    private static string DecodeJson(string segment)
    {
        try
        {
            return Json(JsonNode.Parse(Base64Url.DecodeFromChars(segment)));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return "(not valid base64url JSON)";
        }
    }
}
