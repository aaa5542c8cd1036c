using FieldSync.Core.Errors;
using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>The one place where PostgreSQL's SQLSTATEs and Npgsql's failures become <see cref="StorageException"/>.</summary>
internal static class PostgresErrors
{
    public static StorageException Translate(NpgsqlException e)
    {
        // Class 08 connection, 40 rollback (serialization, deadlock), 53 resources, 57P0x shutdown; a unique violation
        // here means another instance wrote the same document or operation first: trying again sees its result.
        var transient = e.IsTransient || e is PostgresException
        {
            SqlState: "23505" or "40001" or "40P01" or "55P03" or "57P01" or "57P02" or "57P03",
        } || (e is PostgresException p && (p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal)));
        var code = e is PostgresException pe ? pe.SqlState : "connection";
        return new StorageException($"PostgreSQL error {code}: {e.Message}", transient, e);
    }

    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (NpgsqlException e)
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
        catch (NpgsqlException e)
        {
            throw Translate(e);
        }
    }
}
