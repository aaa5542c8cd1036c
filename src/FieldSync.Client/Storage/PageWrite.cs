using FieldSync.Client.Wire;

namespace FieldSync.Client.Storage;

/// <summary>A pull page to store: the checkpoint keys it advances, the page, and how to find a document's facility.</summary>
internal sealed record PageWrite(
    IReadOnlyList<string> Keys, PullResponseBody Page, string Checkpoint, Func<string, string> FacilityFieldOf, DateTimeOffset Now);
