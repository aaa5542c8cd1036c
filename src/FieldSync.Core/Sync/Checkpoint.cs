using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FieldSync.Core.Security;

namespace FieldSync.Core.Sync;

/// <summary>
/// The opaque pull checkpoint: a change sequence, versioned and base64url-encoded so clients store it as it is.
/// Sequences, not times, are the checkpoint: times are for people. A pull's checkpoint also carries a short tag of the
/// facilities it was read for, so that a later pull can tell that the caller's facilities changed in between.
/// </summary>
public static class Checkpoint
{
    private const string Prefix = "fs1:";
    private const string ScopedPrefix = "fs2:";
    private const int TagLength = 16;

    /// <summary>The checkpoint string for a sequence, without a scope (as realtime messages carry it).</summary>
    public static string Encode(long sequence) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + sequence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The checkpoint string for a sequence read for the scope whose tag is <paramref name="scopeTag"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="scopeTag"/> was not made by <see cref="ScopeTag"/>.</exception>
    public static string Encode(long sequence, string scopeTag) => IsTag(scopeTag)
        ? Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            ScopedPrefix + sequence.ToString(CultureInfo.InvariantCulture) + ":" + scopeTag))
        : throw new ArgumentException("The scope tag must come from Checkpoint.ScopeTag.", nameof(scopeTag));

    /// <summary>Reads a checkpoint made by either <c>Encode</c>; false for anything else.</summary>
    public static bool TryDecode(string text, out long sequence) => TryDecode(text, out sequence, out _);

    /// <summary>Reads a checkpoint; <paramref name="scopeTag"/> is null for a checkpoint made without a scope.</summary>
    public static bool TryDecode(string text, out long sequence, out string? scopeTag)
    {
        (sequence, scopeTag) = (0, null);
        if (text.Length is 0 or > 64)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }

        var number = decoded.AsSpan();
        if (decoded.StartsWith(ScopedPrefix, StringComparison.Ordinal))
        {
            var colon = decoded.LastIndexOf(':');
            var tag = decoded[(colon + 1)..];
            if (colon < ScopedPrefix.Length || !IsTag(tag))
            {
                return false;
            }

            number = decoded.AsSpan(ScopedPrefix.Length, colon - ScopedPrefix.Length);
            scopeTag = tag;
        }
        else if (decoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            number = decoded.AsSpan(Prefix.Length);
        }
        else
        {
            return false;
        }

        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>A short fingerprint of a scope: equal scopes give equal tags, different scopes (almost surely) not.</summary>
    public static string ScopeTag(FacilityScope scope)
    {
        var text = scope.IsAll ? "all" : "of\n" + string.Join('\n', scope.Facilities.Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..TagLength];
    }

    private static bool IsTag(string tag) => tag.Length == TagLength && tag.All(char.IsAsciiHexDigitLower);
}
