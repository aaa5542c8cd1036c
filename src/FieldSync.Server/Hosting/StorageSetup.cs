using FieldSync.Core.Configuration;
using FieldSync.Core.Realtime;
using FieldSync.Core.Storage;
using FieldSync.Storage.Postgres;
using FieldSync.Storage.Sqlite;

namespace FieldSync.Server.Hosting;

/// <summary>Chooses the storage: SQLite in the data directory by default, PostgreSQL with <c>--postgres</c>.</summary>
public static class StorageSetup
{
    /// <summary>Registers the storage (and, on PostgreSQL, the change listener that feeds realtime on every instance).</summary>
    public static IServiceCollection AddFieldSyncStorage(this IServiceCollection services, ServerSettings settings)
    {
        if (settings.Postgres is null)
        {
            services.AddSingleton(new SqliteStoreOptions { DatabasePath = settings.DatabasePath });
            services.AddSingleton<ISyncStore, SqliteSyncStore>();
            return services;
        }

        // On PostgreSQL every instance learns of changes through LISTEN/NOTIFY, its own included, so the store itself
        // publishes nothing: the listener does.
        services.AddSingleton(new PostgresStoreOptions { ConnectionString = settings.Postgres });
        services.AddSingleton<PostgresSyncStore>();
        services.AddSingleton<ISyncStore>(sp => sp.GetRequiredService<PostgresSyncStore>());
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<SyncConfiguration>();
            return new NotificationWindow(configuration.Realtime.HeartbeatWindowSeconds,
                change => NotificationRules.Notifies(configuration, change.Collection, change.Action));
        });
        services.AddSingleton<PostgresChangeListener>();
        services.AddHostedService<PostgresListenerService>();
        return services;
    }

    /// <summary>A store for the command-line tools, which run without the web host.</summary>
    public static ISyncStore CreateForTools(ServerSettings settings) => settings.Postgres is null
        ? new SqliteSyncStore(new SqliteStoreOptions { DatabasePath = settings.DatabasePath }, TimeProvider.System)
        : new PostgresSyncStore(new PostgresStoreOptions { ConnectionString = settings.Postgres }, TimeProvider.System);
}
