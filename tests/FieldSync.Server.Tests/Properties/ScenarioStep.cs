using System.Globalization;

namespace FieldSync.Server.Tests.Properties;

/// <summary>One step of a multi-device scenario: which device, what it does, and the numbers that steer it.</summary>
/// <param name="Device">The device (modulo the scenario's device count).</param>
/// <param name="Action">An offline edit, a push or a pull.</param>
/// <param name="Pick">Which document or collection an edit picks; the batch size or page limit of a push or pull.</param>
/// <param name="Values">Which fields an edit changes and to what.</param>
internal sealed record ScenarioStep(int Device, DeviceAction Action, int Pick, int Values)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"d{Device}:{Action}({Pick},{Values})");
}
