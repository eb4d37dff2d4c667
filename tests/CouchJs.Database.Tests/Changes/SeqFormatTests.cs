using System.Text;

namespace CouchJs.Database.Tests.Changes;

// Changes feeds write seqs as UTF-8 without allocating; they must be the strings Sequences.Format gives elsewhere.
public sealed class SeqFormatTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(12L)]
    [InlineData(255L)]
    [InlineData(65_536L)]
    [InlineData(1_000_000_007L)]
    [InlineData(long.MaxValue)]
    public void Utf8_form_is_n_dash_opaque_and_the_seq_in_base64url(long seq)
    {
        string expected = seq + "-g1AAAAB" + Convert.ToBase64String(BitConverter.GetBytes(seq)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Span<byte> text = stackalloc byte[Sequences.MaxUtf8Length];
        Assert.Equal(expected, Encoding.UTF8.GetString(text[..Sequences.FormatUtf8(seq, text)]));
        Assert.Equal(expected, Sequences.Format(seq));
        Assert.Equal(seq, Sequences.TryParse(expected));
    }
}
