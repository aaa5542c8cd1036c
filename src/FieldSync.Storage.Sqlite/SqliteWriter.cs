using FieldSync.Core.Realtime;

namespace FieldSync.Storage.Sqlite;

/// <summary>What every write transaction of a store shares: the gate of its single writer and what follows a commit.</summary>
/// <param name="Gate">Held from the start of a write transaction to its end; one writer at a time.</param>
/// <param name="Connection">The connection of every write transaction, used by the holder of the gate.</param>
/// <param name="Checkpointer">Told of each commit, to copy the log into the database file off the request's path.</param>
/// <param name="Clock">The store's clock.</param>
/// <param name="Publisher">Receives the notifications of a change once it is committed; none without realtime.</param>
internal sealed record SqliteWriter(
    SemaphoreSlim Gate, WriterConnection Connection, WalCheckpointer Checkpointer, TimeProvider Clock, INotificationPublisher? Publisher);
