using Polly;
using Polly.Retry;

namespace FieldSync.Client.Sync;

/// <summary>
/// Retry pipelines (Polly): transient <see cref="FieldSyncException"/>s are retried with exponential backoff and jitter,
/// capped at the maximum delay; a server's <c>Retry-After</c> is honoured up to the same cap.
/// </summary>
internal static class Backoff
{
    /// <summary>A pipeline that retries up to <paramref name="attempts"/> times (<see cref="int.MaxValue"/>: until cancelled).</summary>
    public static ResiliencePipeline Create(ClientSettings settings, int attempts, Func<OnRetryArguments<object>, ValueTask>? onRetry = null)
    {
        if (attempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        var max = settings.RetryMaxDelay;
        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<FieldSyncException>(e => e.IsTransient),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            MaxRetryAttempts = attempts,
            Delay = settings.RetryBaseDelay,
            MaxDelay = max,
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is FieldSyncException { RetryAfter: { } after }
                ? (TimeSpan?)(after < max ? after : max)
                : null),
            OnRetry = onRetry,
        }).Build();
    }
}
