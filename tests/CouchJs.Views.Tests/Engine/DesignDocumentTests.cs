using System.Text;
using CouchJs.Views.Design;

namespace CouchJs.Views.Tests.Engine;

public sealed class DesignDocumentTests
{
    private static DesignDocument Parse(string json) => DesignDocument.Parse("_design/d", "1-a", Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Views_with_one_map_and_options_share_a_tree_sorted_by_source()
    {
        var design = Parse("""
            {"views":{"z":{"map":"m2"},"a":{"map":"m1","reduce":"_sum"},"b":{"map":"m1"},"c":{"map":"m1","options":{"collation":"raw"}},
                      "lib":{"x":"exports.y = 1"},"bad":{"map":1},"nomap":{"reduce":"_count"}}}
            """);
        Assert.Equal(["m1", "m1", "m2"], design.Views.Select(v => v.MapSource));
        // Same source: the options order them ({"collation":"raw"} before {}).
        Assert.True(design.Views[0].RawCollation);
        Assert.Equal(["c"], design.Views[0].MapNames);
        Assert.Equal(["b"], design.Views[1].MapNames);
        Assert.Equal(["a"], design.Views[1].Reduces.Select(r => r.Name));
        Assert.False(design.Views[1].RawCollation);
        Assert.True(design.TryFind("a", out var a) && a.HasReduce && a.View.Index == 1);
        Assert.True(design.TryFind("b", out var b) && !b.HasReduce && b.View.Index == 1);
        Assert.False(design.TryFind("lib", out _));
        Assert.False(design.TryFind("bad", out _));
        Assert.Equal("""{"x":"exports.y = 1"}""", Encoding.UTF8.GetString(design.Lib));
    }

    [Fact]
    public void Options_language_and_autoupdate()
    {
        var design = Parse("""{"language":"javascript_v8","autoupdate":false,"options":{"include_design":true,"local_seq":true},"views":{}}""");
        Assert.Equal("javascript_v8", design.Language);
        Assert.False(design.AutoUpdate);
        Assert.Equal(new DesignOptions(true, true), design.Options);
        Assert.True(Parse("{}").AutoUpdate);
        Assert.Equal("javascript", Parse("{}").Language);
    }

    [Fact]
    public void The_signature_depends_on_what_the_index_holds_only()
    {
        string baseline = Parse("""{"views":{"v":{"map":"m"},"w":{"map":"n","reduce":"_sum"}}}""").Signature;
        Assert.Matches("^[0-9a-f]{32}$", baseline);
        Assert.Equal(baseline, Parse("""{"shows":{"s":"x"},"autoupdate":false,"views":{"w":{"reduce":"_sum","map":"n"},"v":{"map":"m"}}}""").Signature);
        Assert.NotEqual(baseline, Parse("""{"views":{"v":{"map":"m"},"w":{"map":"n","reduce":"_count"}}}""").Signature);
        Assert.NotEqual(baseline, Parse("""{"views":{"v2":{"map":"m"},"w":{"map":"n","reduce":"_sum"}}}""").Signature);
        Assert.NotEqual(baseline, Parse("""{"language":"coffee","views":{"v":{"map":"m"},"w":{"map":"n","reduce":"_sum"}}}""").Signature);
        Assert.NotEqual(baseline, Parse("""{"options":{"local_seq":true},"views":{"v":{"map":"m"},"w":{"map":"n","reduce":"_sum"}}}""").Signature);
        Assert.NotEqual(baseline, Parse("""{"views":{"lib":{"a":"1"},"v":{"map":"m"},"w":{"map":"n","reduce":"_sum"}}}""").Signature);
        Assert.Equal(
            Parse("""{"views":{"lib":{"a":"1","b":{"c":"2","d":"3"}},"v":{"map":"m"}}}""").Signature,
            Parse("""{"views":{"lib":{"b":{"d":"3","c":"2"},"a":"1"},"v":{"map":"m"}}}""").Signature);
    }
}
