using System.Text.Json;
using CouchJs.Database.Mango;

namespace CouchJs.Database.Tests.Mango;

// Semantics from CouchDB's Mango docs (api/database/find.rst) and mango_selector.erl, including its
// corners: negations of missing fields do not match, $all compares exactly (1 is not 1.0), _id
// compares in Erlang term order while other fields use the view collation.
public sealed class SelectorTests
{
    private static bool Matches(string selector, string doc)
    {
        using var s = JsonDocument.Parse(selector);
        using var d = JsonDocument.Parse(doc);
        return Selector.Parse(s.RootElement).Matches(d.RootElement);
    }

    private static CouchException Invalid(string selector)
    {
        using var s = JsonDocument.Parse(selector);
        return Assert.Throws<CouchException>(() => Selector.Parse(s.RootElement));
    }

    [Theory]
    [InlineData("""{}""", """{"a":1}""", true)]
    [InlineData("""{"a":1}""", """{"a":1}""", true)]
    [InlineData("""{"a":1}""", """{"a":1.0}""", true)]
    [InlineData("""{"a":1}""", """{"a":"1"}""", false)]
    [InlineData("""{"a":1}""", """{"b":1}""", false)]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":{}}""", """{"a":{}}""", true)]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":1,"c":2}}""", true)]
    [InlineData("""{"a.b":1}""", """{"a":{"b":1}}""", true)]
    [InlineData("""{"a.1":6}""", """{"a":[5,6]}""", true)]
    [InlineData("""{"a.2":6}""", """{"a":[5,6]}""", false)]
    [InlineData("""{"a\\.b":1}""", """{"a.b":1}""", true)]
    [InlineData("""{"a":1,"b":2}""", """{"a":1,"b":2}""", true)]
    [InlineData("""{"a":1,"b":2}""", """{"a":1,"b":3}""", false)]
    public void Equality_implicit_and_nested_fields(string selector, string doc, bool expected) =>
        Assert.Equal(expected, Matches(selector, doc));

    [Theory]
    [InlineData("""{"a":{"$gt":"a"}}""", """{"a":"B"}""", true)]
    [InlineData("""{"a":{"$gt":"a"}}""", """{"a":"A"}""", true)]
    [InlineData("""{"a":{"$gt":"b"}}""", """{"a":"A"}""", false)]
    [InlineData("""{"a":{"$gt":"a"}}""", """{"a":5}""", false)]
    [InlineData("""{"a":{"$lt":"a"}}""", """{"a":5}""", true)]
    [InlineData("""{"a":{"$gt":null}}""", """{"a":false}""", true)]
    [InlineData("""{"a":{"$gt":[]}}""", """{"a":{}}""", true)]
    [InlineData("""{"a":{"$lt":[1,2]}}""", """{"a":[1]}""", true)]
    [InlineData("""{"a":{"$lt":10}}""", """{"a":9.5}""", true)]
    [InlineData("""{"a":{"$lte":10}}""", """{"a":10.0}""", true)]
    [InlineData("""{"a":{"$gte":10,"$lt":20}}""", """{"a":15}""", true)]
    [InlineData("""{"a":{"$gte":10,"$lt":20}}""", """{"a":20}""", false)]
    [InlineData("""{"a":{"$ne":1}}""", """{"a":2}""", true)]
    [InlineData("""{"a":{"$ne":1}}""", """{}""", false)]
    public void Comparisons_use_the_view_collation(string selector, string doc, bool expected) =>
        Assert.Equal(expected, Matches(selector, doc));

    [Theory]
    [InlineData("""{"_id":{"$gt":"a"}}""", """{"_id":"B"}""", false)]
    [InlineData("""{"_id":{"$gt":"B"}}""", """{"_id":"a"}""", true)]
    [InlineData("""{"_id":{"$gt":5}}""", """{"_id":"a"}""", true)]
    [InlineData("""{"_id":{"$in":["a","b"]}}""", """{"_id":"b"}""", true)]
    public void Id_compares_in_erlang_term_order(string selector, string doc, bool expected) =>
        Assert.Equal(expected, Matches(selector, doc));

    [Theory]
    [InlineData("""{"a":{"$exists":true}}""", """{"a":null}""", true)]
    [InlineData("""{"a":{"$exists":true}}""", """{}""", false)]
    [InlineData("""{"a":{"$exists":false}}""", """{}""", true)]
    [InlineData("""{"a":{"$exists":false}}""", """{"a":null}""", false)]
    [InlineData("""{"a.b":{"$exists":false}}""", """{"a":5}""", false)]
    [InlineData("""{"a":{"$type":"number"}}""", """{"a":1.5}""", true)]
    [InlineData("""{"a":{"$type":"string"}}""", """{"a":1}""", false)]
    [InlineData("""{"a":{"$type":"object"}}""", """{"a":{}}""", true)]
    [InlineData("""{"a":{"$type":"null"}}""", """{"a":null}""", true)]
    [InlineData("""{"a":{"$type":"boolean"}}""", """{"a":false}""", true)]
    [InlineData("""{"a":{"$type":"array"}}""", """{"a":[]}""", true)]
    public void Exists_and_type(string selector, string doc, bool expected) =>
        Assert.Equal(expected, Matches(selector, doc));

    [Theory]
    [InlineData("""{"a":{"$in":[1,2]}}""", """{"a":2}""", true)]
    [InlineData("""{"a":{"$in":[1,2]}}""", """{"a":3}""", false)]
    [InlineData("""{"a":{"$in":[1,2]}}""", """{"a":[3,2]}""", true)]
    [InlineData("""{"a":{"$in":[]}}""", """{"a":1}""", false)]
    [InlineData("""{"a":{"$nin":[1,2]}}""", """{"a":3}""", true)]
    [InlineData("""{"a":{"$nin":[1,2]}}""", """{"a":[3,1]}""", false)]
    [InlineData("""{"a":{"$nin":[]}}""", """{"a":1}""", true)]
    [InlineData("""{"a":{"$nin":[1]}}""", """{}""", false)]
    [InlineData("""{"a":{"$size":2}}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":{"$size":2}}""", """{"a":"ab"}""", false)]
    [InlineData("""{"a":{"$all":[1,2]}}""", """{"a":[2,1,3]}""", true)]
    [InlineData("""{"a":{"$all":[1,2]}}""", """{"a":[1]}""", false)]
    [InlineData("""{"a":{"$all":[1,2]}}""", """{"a":[1.0,2]}""", false)]
    [InlineData("""{"a":{"$all":[[1,2]]}}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":{"$all":[]}}""", """{"a":[]}""", false)]
    [InlineData("""{"a":{"$all":[1]}}""", """{"a":1}""", false)]
    public void Array_operators(string selector, string doc, bool expected) =>
        Assert.Equal(expected, Matches(selector, doc));

    [Theory]
    [InlineData("""{"a":{"$elemMatch":{"$gte":80,"$lt":85}}}""", """{"a":[70,82]}""", true)]
    [InlineData("""{"a":{"$elemMatch":{"$gte":80,"$lt":85}}}""", """{"a":[70,90]}""", false)]
    [InlineData("""{"a":{"$elemMatch":{"b":1}}}""", """{"a":[{"b":2},{"b":1}]}""", true)]
    [InlineData("""{"a":{"$elemMatch":{"b":1}}}""", """{"a":{"b":1}}""", false)]
    [InlineData("""{"a":{"$allMatch":{"$gt":80}}}""", """{"a":[81,82]}""", true)]
    [InlineData("""{"a":{"$allMatch":{"$gt":80}}}""", """{"a":[81,70]}""", false)]
    [InlineData("""{"a":{"$allMatch":{"$gt":80}}}""", """{"a":[]}""", false)]
    [InlineData("""{"a":{"$keyMapMatch":{"$eq":"k"}}}""", """{"a":{"x":1,"k":2}}""", true)]
    [InlineData("""{"a":{"$keyMapMatch":{"$eq":"k"}}}""", """{"a":{"x":1}}""", false)]
    [InlineData("""{"a":{"$keyMapMatch":{"$eq":"k"}}}""", """{"a":["k"]}""", false)]
    public void Element_and_key_matches(string selector, string doc, bool expected) =>
        Assert.Equal(expected, Matches(selector, doc));

    [Theory]
    [InlineData("""{"a":{"$mod":[3,1]}}""", """{"a":4}""", true)]
    [InlineData("""{"a":{"$mod":[3,1]}}""", """{"a":4.0}""", false)]
    [InlineData("""{"a":{"$mod":[3,-2]}}""", """{"a":-2}""", true)]
    [InlineData("""{"a":{"$regex":"^b"}}""", """{"a":"bar"}""", true)]
    [InlineData("""{"a":{"$regex":"r$"}}""", """{"a":"bar"}""", true)]
    [InlineData("""{"a":{"$regex":"^b"}}""", """{"a":"abc"}""", false)]
    [InlineData("""{"a":{"$regex":"^b"}}""", """{"a":5}""", false)]
    [InlineData("""{"a":{"$beginsWith":"ab"}}""", """{"a":"abc"}""", true)]
    [InlineData("""{"a":{"$beginsWith":"ab"}}""", """{"a":"Abc"}""", false)]
    public void Mod_regex_and_prefix(string selector, string doc, bool expected) =>
        Assert.Equal(expected, Matches(selector, doc));

    [Theory]
    [InlineData("""{"$or":[{"a":1},{"b":2}]}""", """{"b":2}""", true)]
    [InlineData("""{"$or":[{"a":1},{"b":2}]}""", """{"c":2}""", false)]
    [InlineData("""{"$or":[]}""", """{"c":2}""", true)]
    [InlineData("""{"$and":[{"a":1},{"b":2}]}""", """{"a":1,"b":2}""", true)]
    [InlineData("""{"$and":[]}""", """{}""", true)]
    [InlineData("""{"$nor":[{"a":1},{"b":2}]}""", """{"a":2,"b":3}""", true)]
    [InlineData("""{"$nor":[{"a":1},{"b":2}]}""", """{"c":3}""", false)]
    [InlineData("""{"$not":{"a":1}}""", """{"a":2}""", true)]
    [InlineData("""{"$not":{"a":1}}""", """{}""", false)]
    [InlineData("""{"$not":{"a":{"$exists":true}}}""", """{}""", true)]
    [InlineData("""{"a":{"$not":{"$gt":5}}}""", """{"a":3}""", true)]
    [InlineData("""{"a":{"$not":{"$gt":5}}}""", """{}""", false)]
    [InlineData("""{"$not":{"$or":[{"a":1},{"a":2}]}}""", """{"a":3}""", true)]
    [InlineData("""{"$not":{"$not":{"a":1}}}""", """{"a":1}""", true)]
    [InlineData("""{"$text":"anything"}""", """{"a":1}""", true)]
    public void Combinations_and_negations(string selector, string doc, bool expected) =>
        Assert.Equal(expected, Matches(selector, doc));

    [Theory]
    [InlineData("""{"a":{"$in":5}}""", "bad_arg", "Bad argument for operator $in: 5")]
    [InlineData("""{"a":{"$exists":"yes"}}""", "bad_arg", "Bad argument for operator $exists: <<\"yes\">>")]
    [InlineData("""{"a":{"$size":-1}}""", "bad_arg", "Bad argument for operator $size: -1")]
    [InlineData("""{"a":{"$mod":[3]}}""", "bad_arg", "Bad argument for operator $mod: [3]")]
    [InlineData("""{"a":{"$mod":[1.5,1]}}""", "bad_arg", "Bad argument for operator $mod: [1.5,1]")]
    [InlineData("""{"$and":{"a":1}}""", "bad_arg", "Bad argument for operator $and: {[{<<\"a\">>,1}]}")]
    [InlineData("""{"a":{"$elemMatch":[1]}}""", "bad_arg", "Bad argument for operator $elemMatch: [1]")]
    [InlineData("""{"a":{"$regex":"("}}""", "bad_arg", "Bad argument for operator $regex: <<\"(\">>")]
    [InlineData("""{"a":{"$regex":5}}""", "invalid_operator", "Invalid operator: $regex")]
    [InlineData("""{"a":{"$beginsWith":5}}""", "invalid_operator", "Invalid operator: $beginsWith")]
    [InlineData("""{"a":{"$foo":1}}""", "invalid_operator", "Invalid operator: $foo")]
    [InlineData("""{"$where":"x"}""", "not_supported", "Unsupported operator: $where")]
    [InlineData("""{"$gt":5}""", "invalid_selector", "One or more conditions is missing a field name.")]
    [InlineData("""{"$not":{"$text":"x"}}""", "bad_arg", "Bad argument for operator $not: {[{<<\"$default\">>,{[{<<\"$text\">>,<<\"x\">>}]}}]}")]
    public void Invalid_selectors_fail_with_mangos_errors(string selector, string error, string reason)
    {
        var e = Invalid(selector);
        Assert.Equal((400, error, reason), (e.Status, e.Error, e.Reason));
    }

    [Fact]
    public void Fields_cut_a_document_down_to_its_paths()
    {
        using var fields = JsonDocument.Parse("""["a","b.c","x","d.0"]""");
        using var doc = JsonDocument.Parse("""{"_id":"i","a":1,"b":{"c":2,"d":3},"d":[7,8]}""");
        var json = Fields.Parse(fields.RootElement).Extract(doc.RootElement);
        Assert.Equal("""{"a":1,"b":{"c":2},"d":{"0":7}}""", System.Text.Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void Fields_must_be_strings()
    {
        using var fields = JsonDocument.Parse("""["a",1]""");
        var e = Assert.Throws<CouchException>(() => Fields.Parse(fields.RootElement));
        Assert.Equal((400, "invalid_field", "Invalid JSON for field spec: 1"), (e.Status, e.Error, e.Reason));
    }
}
