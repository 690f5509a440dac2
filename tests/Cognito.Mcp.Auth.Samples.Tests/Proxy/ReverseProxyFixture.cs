namespace Cognito.Mcp.Auth.Samples.Tests.Proxy;

/// <summary>One CalculatorServer behind nginx, shared by the tests of a class; an HTTP client that trusts the test CA.</summary>
public sealed class ReverseProxyFixture : IAsyncLifetime
{
    internal ProxiedCalculator Deployment { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Deployment = await ProxiedCalculator.StartAsync(instances: 1, TestContext.Current.CancellationToken);
        Http = new HttpClient(Deployment.Tls.CreateHandler());
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Deployment is not null)
        {
            await Deployment.DisposeAsync();
        }
    }
}
