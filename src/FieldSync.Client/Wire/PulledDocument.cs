namespace FieldSync.Client.Wire;

/// <summary>
/// A live document of a pull page: its key and <c>$version</c>, and its whole JSON exactly as the server sent it (UTF-8,
/// a slice of the page), which is what the device stores: no parse into nodes and no re-serialization on the way to the file.
/// </summary>
internal sealed record PulledDocument(string Collection, string Id, long Version, ReadOnlyMemory<byte> Json)
{
    /// <summary>The document's JSON text.</summary>
    public string Text() => System.Text.Encoding.UTF8.GetString(Json.Span);
}
