using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>Small command helpers: parameters by name.</summary>
internal static class Pg
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string text,
        params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(text, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string text,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, text, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string text,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, text, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
