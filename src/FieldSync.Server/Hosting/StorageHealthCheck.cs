using FieldSync.Core.Errors;
using FieldSync.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FieldSync.Server.Hosting;

/// <summary>Healthy when the storage opens a read view.</summary>
internal sealed class StorageHealthCheck(ISyncStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var reader = await store.OpenChangeReaderAsync(cancellationToken);
            return HealthCheckResult.Healthy($"change sequence at {reader.Horizon}");
        }
        catch (StorageException e)
        {
            return HealthCheckResult.Unhealthy("storage unavailable", e);
        }
    }
}
