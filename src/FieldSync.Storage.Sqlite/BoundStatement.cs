using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// A statement that returns no rows or one, prepared once on the connection's own handle, whose parameters are bound by the
/// position SQLite gave each name when it was prepared. Microsoft.Data.Sqlite looks every parameter's position up by
/// name again at each execution (marshalling the name each time): for a push batch's upserts and log rows that lookup was
/// about a seventh of the whole push. Runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class BoundStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly string[] _names;
    private readonly int[] _positions;

    private BoundStatement(sqlite3 database, sqlite3_stmt statement, string[] names, int[] positions) =>
        (_database, _statement, _names, _positions) = (database, statement, names, positions);

    /// <summary>Prepares <paramref name="sql"/> (one statement) for parameters of these names, in this order.</summary>
    /// <exception cref="SqliteException">SQLite could not prepare it.</exception>
    public static BoundStatement Prepare(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql, out var statement, out var tail), database);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            throw new InvalidOperationException("A bound statement is one statement; this text has more: " + tail);
        }

        var names = parameters.Select(p => p.Name).ToArray();
        var positions = names.Select(name => raw.sqlite3_bind_parameter_index(statement, name)).ToArray();
        if (positions.Contains(0) || positions.Length != raw.sqlite3_bind_parameter_count(statement))
        {
            statement.Dispose();
            throw new InvalidOperationException("The parameters do not match the statement's: " + string.Join(", ", names));
        }

        return new BoundStatement(database, statement, names, positions);
    }

    /// <summary>Runs the statement with these values (the same names, in the same order); returns the rows it changed.</summary>
    /// <exception cref="SqliteException">SQLite failed; nothing of this execution is kept.</exception>
    public int Execute((string Name, object? Value)[] parameters)
    {
        try
        {
            Step(parameters);
            return raw.sqlite3_changes(_database);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>
    /// Runs the statement with these values and maps its first row, read straight from SQLite's column values; null when
    /// it returns none.
    /// </summary>
    /// <exception cref="SqliteException">SQLite failed.</exception>
    public T? ReadRow<T>((string Name, object? Value)[] parameters, Func<sqlite3_stmt, T> map)
        where T : class
    {
        try
        {
            return Step(parameters) ? map(_statement) : null;
        }
        finally
        {
            Reset();
        }
    }

    public void Dispose() => _statement.Dispose();

    // Binds the values and takes one step; true when the step produced a row.
    private bool Step((string Name, object? Value)[] parameters)
    {
        if (parameters.Length != _names.Length)
        {
            throw new InvalidOperationException("A prepared statement was given other parameters than when it was prepared.");
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(parameters[i].Name, _names[i], StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A prepared statement expected {_names[i]}, not {parameters[i].Name}.");
            }

            Check(Bind(_positions[i], parameters[i].Value));
        }

        var result = raw.sqlite3_step(_statement);
        if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }

        return result == raw.SQLITE_ROW;
    }

    // A statement left unreset would keep its read of the database open.
    private void Reset()
    {
        _ = raw.sqlite3_reset(_statement);
        _ = raw.sqlite3_clear_bindings(_statement);
    }

    private int Bind(int position, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(_statement, position),
        string text => raw.sqlite3_bind_text(_statement, position, text),
        long number => raw.sqlite3_bind_int64(_statement, position, number),
        int number => raw.sqlite3_bind_int64(_statement, position, number),
        bool flag => raw.sqlite3_bind_int64(_statement, position, flag ? 1 : 0),
        double number => raw.sqlite3_bind_double(_statement, position, number),
        byte[] bytes => raw.sqlite3_bind_blob(_statement, position, bytes),
        _ => throw new NotSupportedException($"A parameter of type {value.GetType().Name} is not bound by position here."),
    };

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
