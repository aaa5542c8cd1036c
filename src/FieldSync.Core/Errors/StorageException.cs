namespace FieldSync.Core.Errors;

/// <summary>
/// An infrastructure failure of the storage. <see cref="IsTransient"/> says whether the same call may succeed later
/// (a busy database, a lost connection); otherwise the fault needs an operator.
/// </summary>
public sealed class StorageException(string message, bool isTransient, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Whether retrying the same call may help.</summary>
    public bool IsTransient { get; } = isTransient;
}
