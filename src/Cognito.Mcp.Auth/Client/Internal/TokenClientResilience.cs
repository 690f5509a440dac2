using System.Net;
using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// The resilience pipeline of a token client's HTTP client: jittered exponential retries on 5xx, 408, 429, network
/// errors and timeouts (OAuth errors are 400/401 and never retried), <c>Retry-After</c> honoured up to
/// <see cref="CognitoTokenClientOptions.MaxRetryDelay"/> (a longer one is not retried), and a timeout per attempt.
/// Delays and timeouts run on the container's <see cref="TimeProvider"/>.
/// </summary>
internal static class TokenClientResilience
{
    public const string PipelineName = "cognito-token-endpoint";

    public static void Configure(string clientName, ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        context.EnableReloads<CognitoTokenClientOptions>(clientName);
        var options = context.GetOptions<CognitoTokenClientOptions>(clientName);
        var timeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Cognito.Mcp.Auth.Client.CognitoTokenClient");
        var maxDelay = options.MaxRetryDelay;

        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                MaxDelay = maxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !(RetryAfter.Get(args.Outcome.Result, timeProvider) > maxDelay)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.Get(args.Outcome.Result, timeProvider)),
                OnRetry = args =>
                {
                    var outcome = args.Outcome.Exception?.GetType().Name
                        ?? $"HTTP {(int)(args.Outcome.Result?.StatusCode ?? HttpStatusCode.InternalServerError)}";
                    TokenClientLog.Retrying(logger, clientName, outcome, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }
}
