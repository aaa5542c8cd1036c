using FieldSync.Core.Security;

namespace FieldSync.Server.Appwrite;

/// <summary>What the Appwrite credentials of a request say: nobody, a caller, or a refusal with its Appwrite type.</summary>
/// <param name="Caller">The caller, when the credential is valid.</param>
/// <param name="IsKey">Whether the caller is the server API key.</param>
/// <param name="FailureType">The Appwrite error type of a refused credential.</param>
/// <param name="FailureMessage">Why it was refused.</param>
public sealed record CredentialCheck(SyncCaller? Caller, bool IsKey, string? FailureType, string? FailureMessage)
{
    /// <summary>No credential was sent.</summary>
    public static CredentialCheck None { get; } = new(null, false, null, null);

    /// <summary>A valid credential.</summary>
    public static CredentialCheck Valid(SyncCaller caller, bool isKey) => new(caller, isKey, null, null);

    /// <summary>A credential that was sent but is not valid.</summary>
    public static CredentialCheck Refused(string type, string message) => new(null, false, type, message);
}
