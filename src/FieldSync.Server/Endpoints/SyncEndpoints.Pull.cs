using FieldSync.Core.Contracts;
using FieldSync.Core.Sync;
using FieldSync.Server.Auth;

namespace FieldSync.Server.Endpoints;

public static partial class SyncEndpoints
{
    /// <summary>Incremental pull: the changes of the caller's facilities after a checkpoint, streamed page by page.</summary>
    internal static async Task<PullStreamResult> PullAsync(
        PullRequest request, HttpContext context, PullService service, ILogger<PullStreamResult> logger, CancellationToken cancellationToken)
    {
        var stream = await service.OpenAsync(context.GetCaller(), request, cancellationToken);
        return new PullStreamResult(stream, request.Compress, logger);
    }
}
