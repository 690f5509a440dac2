using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Cognito.Mcp.Auth.Pipeline;

/// <summary>
/// A server that listens nowhere: it keeps the application the host hands it, so that requests go through the whole
/// ASP.NET Core pipeline (hosting, middleware, routing, endpoint) in this process with no socket, no Kestrel and no
/// HTTP client in what is measured.
/// </summary>
internal sealed class CapturingServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Func<IFeatureCollection, Task>? Process { get; private set; }

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        Process = async features =>
        {
            var context = application.CreateContext(features);
            Exception? failure = null;
            try
            {
                await application.ProcessRequestAsync(context);
            }
            catch (Exception ex)
            {
                failure = ex;
                throw;
            }
            finally
            {
                application.DisposeContext(context, failure);
            }
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
