using System.Data.Common;
using System.Globalization;
using FieldSync.Core.Documents;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FieldSync.Server.Tests.Infrastructure;

/// <summary>
/// The database a server under test writes — its SQLite file or its PostgreSQL database — read (and where a test must,
/// written) the way an operator would, with SQL that runs on both. Both schemas have the same tables and columns.
/// Parameters are written <c>@name</c>. Values come back alike from either storage: integers as <see cref="long"/>,
/// booleans as <see cref="long"/> 0 or 1 (SQLite's form), times as the ISO text SQLite stores
/// (<see cref="DocumentJson.FormatTime"/>), JSON as text. A <see cref="DateTimeOffset"/> parameter is written as that
/// text on SQLite and as a <c>timestamptz</c> on PostgreSQL.
/// </summary>
public sealed class StoredDatabase
{
    private readonly string? _sqlitePath;
    private readonly string? _postgres;

    private StoredDatabase(string? sqlitePath, string? postgres) => (_sqlitePath, _postgres) = (sqlitePath, postgres);

    /// <summary>Whether this is a PostgreSQL database (else a SQLite file).</summary>
    public bool IsPostgres => _postgres is not null;

    /// <summary>The PostgreSQL connection string, or null on SQLite.</summary>
    public string? PostgresConnectionString => _postgres;

    /// <summary>The SQLite file; only for tests that are about SQLite itself.</summary>
    /// <exception cref="InvalidOperationException">The database is on PostgreSQL.</exception>
    public string SqlitePath => _sqlitePath
        ?? throw new InvalidOperationException(
            "This server runs on PostgreSQL; a test that needs the SQLite file is [Trait(\"Storage\", \"SqliteOnly\")].");

    /// <summary>The SQLite file at <paramref name="path"/>.</summary>
    public static StoredDatabase Sqlite(string path) => new(path, null);

    /// <summary>The PostgreSQL database of <paramref name="connectionString"/>.</summary>
    public static StoredDatabase Postgres(string connectionString) => new(null, connectionString);

    /// <summary>The rows of a query, each as column name → value (null for SQL NULL), values normalised as the class says.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(
        string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(readOnly: true);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Normalise(reader.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The single value of a query that returns one integer (a count, a version), as a long.</summary>
    public async Task<long> ScalarAsync(string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64((await QueryAsync(sql, parameters)).Single().Values.Single(), CultureInfo.InvariantCulture);

    /// <summary>Runs a statement that writes, as another tool on the same database would; returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(readOnly: false);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Lets go of pooled connections, so the server's database can be dropped or its file deleted.</summary>
    public void ClearPools()
    {
        if (_postgres is not null)
        {
            using var connection = new NpgsqlConnection(_postgres);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    // Unpooled on SQLite, so no test leaves a handle on the server's file; read-only where the test only reads. The
    // default 30 s command timeout is also SQLite's busy timeout, so a write waits for the server's writer.
    private async Task<DbConnection> OpenAsync(bool readOnly)
    {
        DbConnection connection = _postgres is not null
            ? new NpgsqlConnection(_postgres)
            : new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = _sqlitePath, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite, Pooling = false,
            }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = IsPostgres ? name.TrimStart('@') : "@" + name.TrimStart('@');
            parameter.Value = value switch
            {
                null => DBNull.Value,
                DateTimeOffset time when IsPostgres => time.ToUniversalTime(),
                DateTimeOffset time => DocumentJson.FormatTime(time),
                _ => value,
            };
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static object Normalise(object value) => value switch
    {
        bool flag => flag ? 1L : 0L,
        int or short or byte => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        decimal number when number == decimal.Truncate(number) => (long)number,
        DateTime time => DocumentJson.FormatTime(new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))),
        DateTimeOffset time => DocumentJson.FormatTime(time),
        _ => value,
    };
}
