using System.Globalization;

namespace FieldSync.Server.Tests.Properties;

/// <summary>A batch a device sends once in order, possibly with its first operation repeated at its end (<paramref name="Echo"/>).</summary>
/// <param name="Device">The sending device (modulo the scenario's device count).</param>
/// <param name="Operations">Per operation: type (0 create, 1 update, 2 delete), document, field mask, base version (-1: none).</param>
/// <param name="Echo">Whether the batch carries its first operation a second time at its end.</param>
internal sealed record PlannedBatch(int Device, (int Type, int Document, int Fields, int BaseVersion)[] Operations, bool Echo)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"d{Device}[{string.Join(' ', Operations.Select(o => $"{o.Type}/{o.Document}/{o.Fields}/{o.BaseVersion}"))}{(Echo ? " +echo" : "")}]");
}
