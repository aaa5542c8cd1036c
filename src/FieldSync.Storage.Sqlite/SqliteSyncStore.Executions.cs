using FieldSync.Core.Documents;
using FieldSync.Core.Storage;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

public sealed partial class SqliteSyncStore
{
    /// <summary>Schema version 2: the executions of the Appwrite-compatible endpoint.</summary>
    internal const string ExecutionsMigration = """
        CREATE TABLE function_executions (
            id TEXT PRIMARY KEY, function_id TEXT NOT NULL, user_id TEXT, trigger TEXT NOT NULL, status TEXT NOT NULL,
            request_method TEXT NOT NULL, request_path TEXT NOT NULL, request_headers TEXT NOT NULL,
            response_status_code INTEGER NOT NULL, response_body TEXT NOT NULL, response_headers TEXT NOT NULL,
            logs TEXT NOT NULL, errors TEXT NOT NULL, duration REAL NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
        CREATE INDEX ix_function_executions_function ON function_executions (function_id, created_at);
        CREATE INDEX ix_function_executions_user ON function_executions (user_id, function_id, created_at);
        CREATE INDEX ix_function_executions_created_at ON function_executions (created_at);
        """;

    private const string ExecutionColumns = "id, function_id, user_id, trigger, status, request_method, request_path, request_headers, " +
        "response_status_code, response_body, response_headers, logs, errors, duration, created_at, updated_at";

    /// <inheritdoc />
    public Task SaveExecutionAsync(FunctionExecution execution, CancellationToken cancellationToken) => AppendAsync(new LogRows.Row(
        $"INSERT INTO function_executions ({ExecutionColumns}) VALUES ($id, $function, $user, $trigger, $status, $method, $path, " +
        "$request_headers, $code, $body, $response_headers, $logs, $errors, $duration, $created, $updated) ON CONFLICT (id) DO UPDATE " +
        "SET status = excluded.status, response_status_code = excluded.response_status_code, response_body = excluded.response_body, " +
        "response_headers = excluded.response_headers, logs = excluded.logs, errors = excluded.errors, duration = excluded.duration, " +
        "updated_at = excluded.updated_at",
        [("$id", execution.Id), ("$function", execution.FunctionId), ("$user", execution.UserId), ("$trigger", execution.Trigger),
         ("$status", execution.Status), ("$method", execution.RequestMethod), ("$path", execution.RequestPath),
         ("$request_headers", execution.RequestHeaders), ("$code", execution.ResponseStatusCode), ("$body", execution.ResponseBody),
         ("$response_headers", execution.ResponseHeaders), ("$logs", execution.Logs), ("$errors", execution.Errors),
         ("$duration", execution.DurationSeconds), ("$created", DocumentJson.FormatTime(execution.CreatedAt)),
         ("$updated", DocumentJson.FormatTime(execution.UpdatedAt))]), cancellationToken);

    /// <inheritdoc />
    public Task<FunctionExecution?> FindExecutionAsync(string executionId, CancellationToken cancellationToken) =>
        SqliteErrors.GuardAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Sql.Command(connection, null, $"SELECT {ExecutionColumns} FROM function_executions WHERE id = $id",
                ("$id", executionId));
            var rows = await ReadExecutionsAsync(command, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        });

    /// <inheritdoc />
    public Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken) =>
        SqliteErrors.GuardAsync(async () =>
        {
            const string Where = " FROM function_executions WHERE function_id = $function AND ($user IS NULL OR user_id = $user) " +
                "AND ($status IS NULL OR status = $status)";
            (string, object?)[] parameters = [("$function", query.FunctionId), ("$user", query.UserId), ("$status", query.Status)];
            await using var connection = await OpenAsync(cancellationToken);
            var total = Convert.ToInt32(await Sql.ScalarAsync(connection, null, "SELECT COUNT(*)" + Where, cancellationToken, parameters),
                System.Globalization.CultureInfo.InvariantCulture);
            await using var command = Sql.Command(connection, null,
                $"SELECT {ExecutionColumns}{Where} ORDER BY created_at DESC, id DESC LIMIT $limit OFFSET $offset",
                [.. parameters, ("$limit", query.Limit), ("$offset", query.Offset)]);
            return new ExecutionPage(total, await ReadExecutionsAsync(command, cancellationToken));
        });

    private static async Task<List<FunctionExecution>> ReadExecutionsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<FunctionExecution>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new FunctionExecution
            {
                Id = reader.GetString(0),
                FunctionId = reader.GetString(1),
                UserId = reader.IsDBNull(2) ? null : reader.GetString(2),
                Trigger = reader.GetString(3),
                Status = reader.GetString(4),
                RequestMethod = reader.GetString(5),
                RequestPath = reader.GetString(6),
                RequestHeaders = reader.GetString(7),
                ResponseStatusCode = reader.GetInt32(8),
                ResponseBody = reader.GetString(9),
                ResponseHeaders = reader.GetString(10),
                Logs = reader.GetString(11),
                Errors = reader.GetString(12),
                DurationSeconds = reader.GetDouble(13),
                CreatedAt = DocumentRows.ParseTime(reader.GetString(14)),
                UpdatedAt = DocumentRows.ParseTime(reader.GetString(15)),
            });
        }

        return rows;
    }
}
