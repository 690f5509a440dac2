using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// The last line of defence: an oversized or truncated body that escaped an endpoint's own checks becomes a
/// Cognito-shaped 400, and a bug becomes a logged <c>500 {"error":"server_error"}</c> instead of a dropped connection.
/// </summary>
internal sealed class UnexpectedFailureMiddleware(RequestDelegate next, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await OAuthResponses.ErrorAsync(context, "invalid_request", "The request could not be read (malformed or too large).");
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            Log.UnexpectedFailure(logger, exception, context.Request.Path);
            context.Response.Clear();
            await OAuthResponses.ErrorAsync(context, "server_error", null, StatusCodes.Status500InternalServerError);
        }
    }
}
