using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// The commands of one write transaction, each prepared by SQLite once and run again with new parameter values.
/// Microsoft.Data.Sqlite prepares the SQL of every new <see cref="SqliteCommand"/> anew; a push batch runs the same few
/// statements hundreds of times, and preparing them again was about a quarter of its cost.
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundStatement> _statements = new(StringComparer.Ordinal);

    /// <summary>
    /// The command of <paramref name="sql"/> with these parameter values. A statement is always given the same parameter
    /// names in the same order. The command stays owned by this cache: do not dispose it, and dispose its reader before
    /// asking for it again.
    /// </summary>
    public SqliteCommand For(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Sql.Command(connection, transaction, sql, parameters);
            command.Prepare();
            _commands.Add(sql, command);
            return command;
        }

        if (command.Parameters.Count != parameters.Length)
        {
            throw new InvalidOperationException("A prepared statement was given other parameters than when it was prepared.");
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.Parameters[i];
            if (!string.Equals(parameter.ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A prepared statement expected {parameter.ParameterName}, not {parameters[i].Name}.");
            }

            parameter.Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>Runs a statement that returns no rows, its parameters bound by position; returns how many rows it changed.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters) => Bound(sql, parameters).Execute(parameters);

    /// <summary>Runs a statement, its parameters bound by position, and maps its first row; null when it returns none.</summary>
    public T? ReadRow<T>(string sql, Func<SQLitePCL.sqlite3_stmt, T> map, params (string Name, object? Value)[] parameters)
        where T : class => Bound(sql, parameters).ReadRow(parameters, map);

    private BoundStatement Bound(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = BoundStatement.Prepare(connection, sql, parameters);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    /// <summary>Runs a statement and returns the first column of its first row, or null.</summary>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters) => For(sql, parameters).ExecuteScalar();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }
}
