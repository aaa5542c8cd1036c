using System.Collections;
using System.Diagnostics.CodeAnalysis;
using FieldSync.Core.Documents;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// The <c>field_meta</c> column of a row, parsed on first use. Only writes (merges) read field edits; a pull hands out
/// thousands of documents without ever looking at them, and parsing every field's time was a third of its read cost.
/// </summary>
internal sealed class StoredFieldEdits(byte[] json) : IReadOnlyDictionary<string, FieldEdit>
{
    private Dictionary<string, FieldEdit>? _edits;

    // Two threads may both parse on first use; both get equal dictionaries, so the race is harmless.
    private Dictionary<string, FieldEdit> Edits => _edits ??= DocumentRows.ReadEdits(json);

    public FieldEdit this[string key] => Edits[key];

    public IEnumerable<string> Keys => Edits.Keys;

    public IEnumerable<FieldEdit> Values => Edits.Values;

    public int Count => Edits.Count;

    public bool ContainsKey(string key) => Edits.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out FieldEdit value) => Edits.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, FieldEdit>> GetEnumerator() => Edits.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
