using FieldSync.Core.Storage;
using Npgsql;

namespace FieldSync.Storage.Postgres;

public sealed partial class PostgresSyncStore
{
    /// <summary>Schema version 2: the executions of the Appwrite-compatible endpoint.</summary>
    internal const string ExecutionsMigration = """
        CREATE TABLE function_executions (
            id text PRIMARY KEY, function_id text NOT NULL, user_id text, trigger text NOT NULL, status text NOT NULL,
            request_method text NOT NULL, request_path text NOT NULL, request_headers text NOT NULL,
            response_status_code integer NOT NULL, response_body text NOT NULL, response_headers text NOT NULL,
            logs text NOT NULL, errors text NOT NULL, duration double precision NOT NULL, created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL);
        CREATE INDEX ix_function_executions_function ON function_executions (function_id, created_at);
        CREATE INDEX ix_function_executions_user ON function_executions (user_id, function_id, created_at);
        CREATE INDEX ix_function_executions_created_at ON function_executions (created_at);
        """;

    private const string ExecutionColumns = "id, function_id, user_id, trigger, status, request_method, request_path, request_headers, " +
        "response_status_code, response_body, response_headers, logs, errors, duration, created_at, updated_at";

    /// <inheritdoc />
    public Task SaveExecutionAsync(FunctionExecution execution, CancellationToken cancellationToken) => ExecuteAsync(new PostgresLogRows.Row(
        $"INSERT INTO function_executions ({ExecutionColumns}) VALUES (@id, @function, @user, @trigger, @status, @method, @path, " +
        "@request_headers, @code, @body, @response_headers, @logs, @errors, @duration, @created, @updated) ON CONFLICT (id) DO UPDATE " +
        "SET status = excluded.status, response_status_code = excluded.response_status_code, response_body = excluded.response_body, " +
        "response_headers = excluded.response_headers, logs = excluded.logs, errors = excluded.errors, duration = excluded.duration, " +
        "updated_at = excluded.updated_at",
        [("id", execution.Id), ("function", execution.FunctionId), ("user", execution.UserId), ("trigger", execution.Trigger),
         ("status", execution.Status), ("method", execution.RequestMethod), ("path", execution.RequestPath),
         ("request_headers", execution.RequestHeaders), ("code", execution.ResponseStatusCode), ("body", execution.ResponseBody),
         ("response_headers", execution.ResponseHeaders), ("logs", execution.Logs), ("errors", execution.Errors),
         ("duration", execution.DurationSeconds), ("created", execution.CreatedAt.ToUniversalTime()),
         ("updated", execution.UpdatedAt.ToUniversalTime())]), cancellationToken);

    /// <inheritdoc />
    public Task<FunctionExecution?> FindExecutionAsync(string executionId, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = Pg.Command(connection, null, $"SELECT {ExecutionColumns} FROM function_executions WHERE id = @id",
                ("id", executionId));
            var rows = await ReadExecutionsAsync(command, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        });

    /// <inheritdoc />
    public Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            const string Where = " FROM function_executions WHERE function_id = @function AND (@user::text IS NULL OR user_id = @user) " +
                "AND (@status::text IS NULL OR status = @status)";
            (string, object?)[] parameters = [("function", query.FunctionId), ("user", query.UserId), ("status", query.Status)];
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var total = Convert.ToInt32(await Pg.ScalarAsync(connection, null, "SELECT COUNT(*)" + Where, cancellationToken, parameters),
                System.Globalization.CultureInfo.InvariantCulture);
            await using var command = Pg.Command(connection, null,
                $"SELECT {ExecutionColumns}{Where} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset",
                [.. parameters, ("limit", query.Limit), ("offset", query.Offset)]);
            return new ExecutionPage(total, await ReadExecutionsAsync(command, cancellationToken));
        });

    private static async Task<List<FunctionExecution>> ReadExecutionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(14),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(15),
            });
        }

        return rows;
    }
}
