using System.Text;
using CouchJs.Views.Collation;

namespace CouchJs.Views.Tests.Collation;

public class GroupKeysTests
{
    [Theory]
    [InlineData("[\"a\",\"b\",\"c\"]", 2, "[\"a\",\"b\"]")]
    [InlineData("[\"a\",\"b\",\"c\"]", 1, "[\"a\"]")]
    [InlineData("[\"a\",\"b\",\"c\"]", 3, "[\"a\",\"b\",\"c\"]")]
    [InlineData("[\"a\",\"b\",\"c\"]", 9, "[\"a\",\"b\",\"c\"]")]
    [InlineData("[\"a\",\"b\",\"c\"]", GroupKeys.Exact, "[\"a\",\"b\",\"c\"]")]
    [InlineData("[[1,[2]],{\"x\":[3,4]},\"],\"]", 2, "[[1,[2]],{\"x\":[3,4]}]")]
    [InlineData("[ 1 , 2 , 3 ]", 2, "[ 1 , 2]")]
    [InlineData("[]", 2, "[]")]
    [InlineData("\"abc\"", 1, "\"abc\"")]
    [InlineData("{\"a\":1,\"b\":2}", 1, "{\"a\":1,\"b\":2}")]
    [InlineData("42", 1, "42")]
    [InlineData("null", 3, "null")]
    public void Truncate_cuts_array_keys_to_the_group_level(string key, int level, string expected)
    {
        var truncated = GroupKeys.Truncate(Encoding.UTF8.GetBytes(key), level);
        Assert.Equal(expected, Encoding.UTF8.GetString(truncated.Span));
    }

    [Fact]
    public void Truncate_returns_an_unchanged_key_without_copying()
    {
        ReadOnlyMemory<byte> key = Encoding.UTF8.GetBytes("[1,2]");
        Assert.True(GroupKeys.Truncate(key, 2).Equals(key));
    }

    [Theory]
    [InlineData("[\"a\",\"b\",\"c\"]", "[\"a\",\"b\",\"d\"]", 2, true)]
    [InlineData("[\"a\",\"b\",\"c\"]", "[\"a\",\"c\"]", 2, false)]
    [InlineData("[\"a\"]", "[\"a\",\"b\"]", 2, false)] // sublists [a] and [a,b] differ
    [InlineData("[\"a\"]", "[\"a\",\"b\"]", 1, true)]
    [InlineData("[\"a\",1]", "[\"a\",1.0,\"x\"]", 2, true)] // collation equality, not bytes
    [InlineData("[\"a\\u0062\"]", "[\"ab\",2]", 1, true)]
    [InlineData("[\"a\",1]", "[\"a\",1]", GroupKeys.Exact, true)]
    [InlineData("[\"a\",1]", "[\"a\",1,2]", GroupKeys.Exact, false)]
    [InlineData("1", "1.0", GroupKeys.Exact, true)]
    [InlineData("\"a\"", "\"a\"", 2, true)] // non-array keys group when equal
    [InlineData("\"a\"", "\"b\"", 2, false)]
    [InlineData("\"a\"", "[\"a\"]", 1, false)]
    [InlineData("[]", "[]", 1, true)]
    [InlineData("[]", "[1]", 1, false)]
    [InlineData("{\"a\":1,\"b\":2}", "{\"a\":1,\"b\":3}", 1, false)] // group_level cuts arrays only
    [InlineData("\"x\"", "[1,2]", 0, true)] // level 0: one group
    public void Same_group_uses_collation_equality_on_the_cut_keys(string a, string b, int level, bool expected)
    {
        Assert.Equal(expected, GroupKeys.SameGroup(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b), level, raw: false));
        Assert.Equal(expected, GroupKeys.SameGroup(Encoding.UTF8.GetBytes(b), Encoding.UTF8.GetBytes(a), level, raw: false));
    }

    [Fact]
    public void Same_group_in_raw_collation_compares_strings_bytewise()
    {
        // ICU ignores the zero-width space; Erlang's term equality does not.
        byte[] a = Encoding.UTF8.GetBytes("[\"a\",1]"), b = Encoding.UTF8.GetBytes("[\"a\u200B\",2]");
        Assert.True(GroupKeys.SameGroup(a, b, 1, raw: false));
        Assert.False(GroupKeys.SameGroup(a, b, 1, raw: true));
        Assert.True(GroupKeys.SameGroup("[1,\"x\"]"u8, "[1.0,\"y\"]"u8, 1, raw: true));
    }
}
