namespace FieldSync.Client.Sync;

/// <summary>Notices when the server answers again after requests failed: the moment to sync what waited.</summary>
internal sealed class Connectivity
{
    private int _failing;

    /// <summary>Raised on the first answer after a failure.</summary>
    public event Action? Restored;

    /// <summary>Whether the last request failed to reach the server.</summary>
    public bool IsFailing => Volatile.Read(ref _failing) == 1;

    public void Failed() => Volatile.Write(ref _failing, 1);

    public void Succeeded()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            Restored?.Invoke();
        }
    }
}
