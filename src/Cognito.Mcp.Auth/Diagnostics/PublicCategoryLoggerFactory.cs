using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Diagnostics;

/// <summary>
/// Gives the authentication handler's framework messages ("AuthenticationScheme: CognitoMcp was challenged") the
/// public server category instead of the handler's internal type name, which ASP.NET Core would use.
/// </summary>
internal sealed class PublicCategoryLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => inner.CreateLogger(ServerLog.Category);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The application owns the inner factory.
    public void Dispose()
    {
    }
}
