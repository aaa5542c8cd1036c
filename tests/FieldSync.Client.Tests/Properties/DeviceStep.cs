namespace FieldSync.Client.Tests.Properties;

/// <summary>One step of a scenario: which device, what it does, which patient (an index into what it holds) and which value.</summary>
public sealed record DeviceStep(int Device, EditKind Kind, int Pick, int Value)
{
    public override string ToString() => $"d{Device}:{Kind}({Pick},{Value})";
}
