using System.Globalization;

namespace FieldSync.Server.Tests.Properties;

/// <summary>A network replay: after <paramref name="After"/> fresh batches, part of an earlier batch is sent again.</summary>
/// <param name="After">How many fresh batches have gone before the replay (modulo, at least one).</param>
/// <param name="Source">Which of those batches is replayed (modulo).</param>
/// <param name="Mask">Which of its operations go again (bit per operation; none set: the whole batch).</param>
internal sealed record PlannedReplay(int After, int Source, int Mask)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"replay(after {After}, batch {Source}, mask {Mask})");
}
