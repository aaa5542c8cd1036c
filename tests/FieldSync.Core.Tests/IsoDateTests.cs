using System.Globalization;
using CsCheck;
using FieldSync.Core.Validation;

namespace FieldSync.Core.Tests;

/// <summary>The fast date reader must accept and refuse exactly what the framework's exact parser does.</summary>
public sealed class IsoDateTests
{
    [Fact]
    public void Any_text_is_a_date_for_the_fast_reader_exactly_when_it_is_one_for_the_framework()
    {
        var nearDates = Gen.Select(Gen.Int[-50, 10_050], Gen.Int[-1, 14], Gen.Int[-1, 33])
            .Select((y, m, d) => $"{y:D4}-{m:D2}-{d:D2}");
        var noise = Gen.String[Gen.Char["0123456789-/ T:Z+x\u0663\uff11"], 8, 12];
        Gen.OneOf(nearDates, noise).Sample(text =>
        {
            var expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var framework);

            Assert.Equal(expected, IsoDate.TryParse(text, out var fast));
            Assert.Equal(framework, fast);
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("0000-01-01", false)]
    [InlineData("2024-1-01", false)]
    [InlineData(" 2024-01-01", false)]
    [InlineData("2024-01-01T00:00:00Z", false)]
    public void Calendar_edges_are_read_as_the_framework_reads_them(string text, bool isDate)
    {
        Assert.Equal(isDate, IsoDate.TryParse(text, out _));
        Assert.Equal(isDate, DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
    }
}
