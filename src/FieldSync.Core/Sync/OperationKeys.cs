using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FieldSync.Core.Contracts;

namespace FieldSync.Core.Sync;

/// <summary>The exactly-once key of a queued operation: its <c>opId</c>, or a digest of its content when it has none.</summary>
public static class OperationKeys
{
    /// <summary>The key under which the operation's first result is recorded for its device.</summary>
    public static string For(QueuedOperation operation)
    {
        if (!string.IsNullOrEmpty(operation.OpId))
        {
            return operation.OpId;
        }

        // An exact re-send of an operation without opId must still be a duplicate, so the key covers all it says.
        var content = string.Join('\n',
            operation.Type, operation.Collection, operation.DocumentId,
            operation.Timestamp?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            operation.BaseVersion?.ToString(CultureInfo.InvariantCulture),
            operation.Data?.ToJsonString());
        return "auto-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..40];
    }
}
