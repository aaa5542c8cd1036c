namespace FieldSync.Server.Tests.Properties;

/// <summary>What a simulated device does in one step of a scenario.</summary>
internal enum DeviceAction
{
    Create,
    Update,
    Move,
    Delete,
    Push,
    Pull,
}
