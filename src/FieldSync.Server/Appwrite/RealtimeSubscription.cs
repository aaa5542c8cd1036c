namespace FieldSync.Server.Appwrite;

/// <summary>
/// One Appwrite Realtime subscription of a connection. <see cref="Slot"/> is its place in the URL for the SDKs that put
/// subscriptions there (null for message subscriptions). Queries are kept and echoed, not evaluated: every change of
/// the subscribed channels within the caller's facilities is sent.
/// </summary>
/// <param name="slot">The URL slot, or null.</param>
public sealed class RealtimeSubscription(string? slot)
{
    /// <summary>The id the events name; for a URL slot one the server makes.</summary>
    public string Id { get; set; } = Guid.NewGuid().ToString("N")[..20];

    /// <summary>The URL slot, or null.</summary>
    public string? Slot { get; } = slot;

    /// <summary>The channels.</summary>
    public HashSet<string> Channels { get; } = new(StringComparer.Ordinal);

    /// <summary>The queries, as sent.</summary>
    public List<string> Queries { get; } = [];
}
