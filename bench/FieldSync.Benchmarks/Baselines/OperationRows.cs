namespace FieldSync.Benchmarks.Baselines;

/// <summary>
/// The rows one pushed operation left, each as its values were read (columns as in <see cref="PushedRows.Columns"/>): its
/// document, its exactly-once record (<c>processed_operations</c>), and its <c>conflict_log</c> and <c>deletion_log</c>
/// rows (none, or one for a conflicting update or a delete).
/// </summary>
internal sealed record OperationRows(
    object?[] Document, object?[] Processed, IReadOnlyList<object?[]> Conflicts, IReadOnlyList<object?[]> Deletions);
