using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FieldSync.Core.Sync;

/// <summary>
/// The opaque pull checkpoint: a change sequence, versioned and base64url-encoded so clients store it as it is.
/// Sequences, not times, are the checkpoint: times are for people.
/// </summary>
public static class Checkpoint
{
    private const string Prefix = "fs1:";

    /// <summary>The checkpoint string for a sequence.</summary>
    public static string Encode(long sequence) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + sequence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads a checkpoint made by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string text, out long sequence)
    {
        sequence = 0;
        if (text.Length is 0 or > 64)
        {
            return false;
        }

        try
        {
            var decoded = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text));
            return decoded.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(decoded.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
