using System.Text.Json;
using FieldSync.Client.Wire;
using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Storage;

internal sealed partial class LocalStore
{
    /// <summary>The rejected operations kept for the user, oldest first.</summary>
    public Task<IReadOnlyList<RejectedOperation>> RejectedAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<RejectedOperation>>(t => Db.Query(t, """
            SELECT op_id, type, collection, document_id, data, code, message, problems, created_at, rejected_at
            FROM rejected_operations ORDER BY rejected_at, op_id
            """, r => new RejectedOperation
        {
            OpId = r.GetString(0),
            Type = OperationTypes.Parse(r.GetString(1)),
            Collection = r.GetString(2),
            DocumentId = r.GetString(3),
            Data = Db.Json(r, 4),
            Code = r.GetString(5),
            Message = r.GetString(6),
            Problems = [.. (JsonSerializer.Deserialize(r.GetString(7), WireJson.Default.IReadOnlyListWireFieldError) ?? [])
                .Select(p => new FieldProblem(p.Field ?? "", p.Rule ?? "", p.Message ?? ""))],
            CreatedAt = Db.Time(r, 8),
            RejectedAt = Db.Time(r, 9),
        }), cancellationToken);

    /// <summary>Forgets a rejected operation once the user has seen it.</summary>
    public Task<bool> DismissRejectedAsync(string opId, CancellationToken cancellationToken) =>
        RunAsync(t => Db.Execute(t, "DELETE FROM rejected_operations WHERE op_id = $op", ("$op", opId)) > 0, cancellationToken);

    private static void SaveRejected(SqliteTransaction transaction, RejectedOperation rejected, long? baseVersion)
    {
        IReadOnlyList<WireFieldError> problems = [.. rejected.Problems.Select(p => new WireFieldError(p.Field, p.Rule, p.Message))];
        Db.Execute(transaction, """
            INSERT OR REPLACE INTO rejected_operations
                (op_id, type, collection, document_id, data, base_version, code, message, problems, created_at, rejected_at)
            VALUES ($op, $type, $c, $i, $data, $base, $code, $message, $problems, $created, $rejected)
            """,
            ("$op", rejected.OpId), ("$type", OperationTypes.ToWire(rejected.Type)), ("$c", rejected.Collection),
            ("$i", rejected.DocumentId), ("$data", Db.Text(rejected.Data)), ("$base", baseVersion), ("$code", rejected.Code),
            ("$message", rejected.Message), ("$problems", JsonSerializer.Serialize(problems, WireJson.Default.IReadOnlyListWireFieldError)),
            ("$created", Db.Time(rejected.CreatedAt)), ("$rejected", Db.Time(rejected.RejectedAt)));
    }
}
