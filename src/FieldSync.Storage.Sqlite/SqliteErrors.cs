using FieldSync.Core.Errors;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>The one place where SQLite's error codes become the engine's <see cref="StorageException"/>.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;

    public static StorageException Translate(SqliteException e)
    {
        var transient = e.SqliteErrorCode is Busy or Locked or IoError or Full or CantOpen;
        return new StorageException($"SQLite error {e.SqliteErrorCode} ({e.SqliteExtendedErrorCode}): {e.Message}", transient, e);
    }

    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (SqliteException e)
        {
            throw Translate(e);
        }
    }

    public static async Task GuardAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (SqliteException e)
        {
            throw Translate(e);
        }
    }
}
