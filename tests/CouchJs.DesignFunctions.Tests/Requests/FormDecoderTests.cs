using CouchJs.DesignFunctions.Requests;

namespace CouchJs.DesignFunctions.Tests.Requests;

/// <summary>mochiweb_util:parse_qs as the req object's query and form use it.</summary>
public sealed class FormDecoderTests
{
    [Fact]
    public void Pairs_split_on_ampersand_and_semicolon_in_order()
    {
        Assert.Equal([new("a", "1"), new("b", "2"), new("a", "3")], FormDecoder.Parse("a=1;b=2&a=3"));
    }

    [Fact]
    public void Plus_is_a_space_escapes_are_utf8_bytes_and_a_bare_name_is_empty()
    {
        Assert.Equal([new("x y", "é€"), new("flag", ""), new("k", "a=b")], FormDecoder.Parse("x+y=%C3%A9%E2%82%AC&flag&k=a=b"));
    }

    [Fact]
    public void A_malformed_escape_stays_as_written()
    {
        Assert.Equal("100%", FormDecoder.Unquote("100%"));
        Assert.Equal("%zz", FormDecoder.Unquote("%zz"));
    }
}
