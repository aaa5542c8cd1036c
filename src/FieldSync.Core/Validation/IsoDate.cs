namespace FieldSync.Core.Validation;

/// <summary>
/// Reads dates written <c>yyyy-MM-dd</c>, the one date form of the API. It accepts exactly what
/// <c>DateOnly.TryParseExact(text, "yyyy-MM-dd", InvariantCulture)</c> accepts, an order of magnitude faster: the general
/// parser matched its format with culture-aware comparisons, and every patient and immunization carries several dates.
/// </summary>
internal static class IsoDate
{
    /// <summary>Whether <paramref name="text"/> is a real calendar date in the form <c>yyyy-MM-dd</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..], out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
