using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class FaultTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Failed_token_requests_answer_the_given_status_then_recover(HttpStatusCode status)
    {
        await using var t = await TestCognito.StartAsync();
        t.Cognito.Faults.FailNextTokenRequests(2, status, TimeSpan.FromSeconds(7));

        var first = await t.ClientCredentialsAsync(t.M2M);
        var second = await t.ClientCredentialsAsync(t.M2M);
        var third = await t.ClientCredentialsAsync(t.M2M);

        Assert.Equal(status, first.StatusCode);
        Assert.Equal(status, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(3, t.Cognito.Requests.Token);
        Snapshots.MatchJson(await first.BodyAsync(), $"fault-{(int)status}");
    }

    [Fact]
    public async Task Held_token_requests_complete_only_after_the_gate_is_released()
    {
        await using var t = await TestCognito.StartAsync();
        var gate = t.Cognito.Faults.HoldTokenRequests();

        var pending = t.ClientCredentialsAsync(t.M2M);
        await gate.WaitUntilHeldAsync(1, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);
        gate.Release();
        var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, gate.HeldCount);
    }

    [Fact]
    public async Task Client_cancelling_a_held_request_does_not_break_later_requests()
    {
        await using var t = await TestCognito.StartAsync();
        var gate = t.Cognito.Faults.HoldTokenRequests();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var request = new HttpRequestMessage(HttpMethod.Post, t.Pool.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = TestCognito.Basic(t.M2M.ClientId, t.M2M.ClientSecret);

        var pending = t.Http.SendAsync(request, cts.Token);
        await gate.WaitUntilHeldAsync(1, TestContext.Current.CancellationToken);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        t.Cognito.Faults.Reset();

        Assert.True(gate.IsReleased);
        Assert.Equal(HttpStatusCode.OK, (await t.ClientCredentialsAsync(t.M2M)).StatusCode);
    }

    [Fact]
    public async Task Request_counters_reset_to_zero()
    {
        await using var t = await TestCognito.StartAsync();
        await t.ClientCredentialsAsync(t.M2M);
        await t.Http.GetAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken);

        t.Cognito.Requests.Reset();

        Assert.Equal(0, t.Cognito.Requests.Token);
        Assert.Equal(0, t.Cognito.Requests.Jwks);
    }
}
