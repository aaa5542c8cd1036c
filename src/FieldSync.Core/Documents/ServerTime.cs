namespace FieldSync.Core.Documents;

/// <summary>
/// Times the server stores, at microsecond precision: the finest that every storage keeps (PostgreSQL's
/// <c>timestamptz</c>), so a document reads back exactly as it was written whatever the storage.
/// </summary>
public static class ServerTime
{
    /// <summary>The clock's now, truncated to the microsecond.</summary>
    public static DateTimeOffset Now(TimeProvider clock) => Truncate(clock.GetUtcNow());

    /// <summary><paramref name="time"/> in UTC, truncated to the microsecond.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }
}
