using System.Buffers.Text;
using System.Text;
using CsCheck;
using FieldSync.Core.Sync;

namespace FieldSync.Core.Tests;

public sealed class CheckpointTests
{
    [Fact]
    public void A_checkpoint_decodes_to_the_sequence_it_was_made_from()
    {
        Gen.Long[0, long.MaxValue].Sample(sequence =>
        {
            Assert.True(Checkpoint.TryDecode(Checkpoint.Encode(sequence), out var decoded));
            Assert.Equal(sequence, decoded);
        }, iter: 2000);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(long.MaxValue)]
    public void The_extreme_sequences_round_trip(long sequence)
    {
        Assert.True(Checkpoint.TryDecode(Checkpoint.Encode(sequence), out var decoded));
        Assert.Equal(sequence, decoded);
    }

    [Fact]
    public void A_checkpoint_is_safe_to_put_in_a_url_or_a_file_as_it_is()
    {
        Gen.Long[0, long.MaxValue].Sample(sequence =>
            Assert.Matches("^[A-Za-z0-9_-]+$", Checkpoint.Encode(sequence)), iter: 500);
    }

    [Fact]
    public void Different_sequences_give_different_checkpoints()
    {
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue]).Where((a, b) => a != b)
            .Sample((a, b) => Assert.NotEqual(Checkpoint.Encode(a), Checkpoint.Encode(b)), iter: 500);
    }

    public static TheoryData<string> Garbage => new()
    {
        "",
        "42",
        "not a checkpoint",
        "!!!!",
        "%%%%====",
        new string('A', 65),
        Url("fs1:"),
        Url("fs1:-5"),
        Url("fs1:+5"),
        Url("fs1: 5"),
        Url("fs1:5x"),
        Url("fs1:99999999999999999999"),
        Url("fs2:5"),
        Url("5"),
        Url("FS1:5"),
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Anything_that_is_not_a_checkpoint_is_refused(string text)
    {
        Assert.False(Checkpoint.TryDecode(text, out _));
    }

    [Fact]
    public void A_text_longer_than_any_real_checkpoint_is_refused_even_when_it_decodes()
    {
        var padded = Url("fs1:" + new string('0', 60) + "7");

        Assert.True(padded.Length > 64);
        Assert.False(Checkpoint.TryDecode(padded, out _));
    }

    [Fact]
    public void Decoding_arbitrary_text_never_throws()
    {
        // A client may send anything as its checkpoint: the answer must be a clean refusal, never a server error.
        Gen.String.Sample(text =>
        {
            if (Checkpoint.TryDecode(text, out var sequence))
            {
                Assert.True(sequence >= 0);
            }
        }, iter: 2000);
    }

    private static string Url(string text) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
}
