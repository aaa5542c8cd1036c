using FieldSync.Core.Realtime;
using FieldSync.Core.Security;
using FieldSync.Core.Status;

namespace FieldSync.Core.Storage;

/// <summary>
/// The one storage contract of the engine. Implementations translate their provider's errors into
/// <see cref="Errors.StorageException"/> and never let another exception type escape for an infrastructure fault.
/// </summary>
public interface ISyncStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema to the current version. Safe to call at every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether write transactions run one at a time. Then a push batch applies all its operations in one transaction,
    /// which no other writer can deadlock with; otherwise (default) each operation commits on its own.
    /// </summary>
    bool SerializesWriters => false;

    /// <summary>Starts a write transaction. Writes are serialized: a second caller waits until the first ends.</summary>
    Task<ISyncTransaction> BeginAsync(CancellationToken cancellationToken);

    /// <summary>Opens a consistent read view for one pull, fixed at the moment of opening.</summary>
    Task<IChangeReader> OpenChangeReaderAsync(CancellationToken cancellationToken);

    /// <summary>The user with this id, or null.</summary>
    Task<SyncUser?> FindUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Creates the user or replaces their role and facility memberships.</summary>
    Task SaveUserAsync(SyncUser user, CancellationToken cancellationToken);

    /// <summary>Appends a row to <c>sync_operations</c>.</summary>
    Task AppendSyncOperationAsync(SyncOperationEntry entry, CancellationToken cancellationToken);

    /// <summary>Appends a row to <c>queue_processing_log</c>.</summary>
    Task AppendQueueBatchAsync(QueueBatchEntry entry, CancellationToken cancellationToken);

    /// <summary>Registers or refreshes a device session in <c>active_sync_sessions</c>.</summary>
    Task SaveSessionAsync(SessionEntry session, CancellationToken cancellationToken);

    /// <summary>A device's notifications, oldest first, limited to the query's facilities.</summary>
    Task<IReadOnlyList<PendingNotification>> ListNotificationsAsync(NotificationQuery query, CancellationToken cancellationToken);

    /// <summary>Marks the device's notifications with these ids delivered; returns how many changed.</summary>
    Task<int> AcknowledgeNotificationsAsync(string deviceId, string userId, IReadOnlyList<long> ids, DateTimeOffset at,
        CancellationToken cancellationToken);

    /// <summary>Appends rows to <c>realtime_notifications</c>.</summary>
    Task AppendRealtimeDeliveriesAsync(IReadOnlyList<RealtimeDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>Counts the rows of the seven logs that the filter selects.</summary>
    Task<StatusCounts> CountAsync(StatusFilter filter, CancellationToken cancellationToken);

    /// <summary>Stores a <c>function_executions</c> row, replacing the row with the same id.</summary>
    Task SaveExecutionAsync(FunctionExecution execution, CancellationToken cancellationToken);

    /// <summary>The execution with this id, or null.</summary>
    Task<FunctionExecution?> FindExecutionAsync(string executionId, CancellationToken cancellationToken);

    /// <summary>The executions the query selects, newest first, and how many it selects in all.</summary>
    Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes log rows (executions included) older than <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneLogsAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
