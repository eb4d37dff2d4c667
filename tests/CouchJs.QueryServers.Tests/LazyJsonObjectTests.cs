using System.Text;
using CouchJs.QueryServers.Jint.Json;
using Jint;
using Jint.Runtime;

namespace CouchJs.QueryServers.Tests;

/// <summary>
/// Documents handed to Jint as <see cref="LazyJsonObject"/>s must be indistinguishable from what
/// JSON.parse makes of the same text: every probe below runs on both and must answer the same,
/// whether it only reads, or enumerates, writes, deletes, freezes or serializes.
/// </summary>
public sealed class LazyJsonObjectTests
{
    public static TheoryData<string> Documents => new()
    {
        """{"_id":"doc-1","type":"order","value":568,"customer":{"name":"billing alpha","email":"red@example.com"},"items":[{"sku":"SKU-1","qty":6,"price":949.44},{"sku":"SKU-2","qty":1,"price":0.5}],"notes":"kilo7936 billing1408 india9008 echo4848"}""",
        """{"a":1,"b":2,"a":3}""",
        """{"é":"accent","\u0041":"escaped name","a\"b":1,"":"empty name","日本":"語"}""",
        """{"s":"\ud800 lone","t":"tab\t\n\u00e9 \/ \\ \"q\"","u":"😀"}""",
        """{"__proto__":{"x":1},"y":2}""",
        """{"2":"two","1":"one","b":0,"a":0,"10":"ten"}""",
        """{"n":-0,"big":1e400,"neg":-1e400,"f":1.5e-7,"i":12345678901234567890,"e":2E+3}""",
        """{}""",
        """{"e":{},"a":[],"z":null,"t":true,"f":false}""",
        """ { "a" : [ 1 , { "b" : 2 } , [ ] ] ,""" + "\r\n\t" + """ "c" : "d" } """,
        """{"a":""" + new string('[', 100) + "1" + new string(']', 100) + ""","b":[[1,[2,[3]]],{"c":[{"d":[]}]}]}""",
    };

    private static readonly string[] Probes =
    [
        "return JSON.stringify(d);",
        "return Object.keys(d).join('|');",
        "var k = []; for (var p in d) k.push(p); return k.join('|');",
        "return JSON.stringify([d.a, d.b, d.s, d['2'], d.__proto__, d.missing, d.type, d[''], d['a\"b']]);",
        "return String(['a' in d, 'zz' in d, d.hasOwnProperty('a'), d.hasOwnProperty('toString'), 'toString' in d, d.propertyIsEnumerable('a')]);",
        "d.a = 'changed'; return JSON.stringify(d);",
        "var x = d.e || d.a; d.added = 1; return JSON.stringify(d) + Object.keys(d).length;",
        "var x = d.a; delete d.a; return JSON.stringify(d) + ('a' in d) + x;",
        "delete d.missing; return JSON.stringify(d);",
        "Object.freeze(d); d.q = 1; d.a = 2; return String(Object.isFrozen(d)) + JSON.stringify(d);",
        "Object.preventExtensions(d); d.q = 1; return String(Object.isExtensible(d)) + JSON.stringify(d);",
        "return JSON.stringify(Object.getOwnPropertyNames(d)) + JSON.stringify(Object.getOwnPropertyDescriptor(d, Object.keys(d)[0] || 'x'));",
        "return Object.prototype.toString.call(d) + (d.constructor === Object) + (Object.getPrototypeOf(d) === Object.prototype) + typeof d + (d instanceof Object) + d;",
        "return JSON.stringify(Object.assign({}, d));",
        "var v = []; for (var k in d) v.push(typeof d[k]); return v.join();",
        "return String(1 / d.n) + ' ' + d.big + ' ' + d.neg + ' ' + d.f + ' ' + d.i + ' ' + d.e;",
        "var c = d.customer || d.e || {}; c.touched = true; return JSON.stringify(d);",
        "var a = d.a; if (a && typeof a === 'object') a.push ? a.push('x') : (a.y = 1); return JSON.stringify(d);",
        "with (d) { return typeof a + typeof b + typeof missing; }",
        "Object.defineProperty(d, 'a', { enumerable: false }); return Object.keys(d).join() + JSON.stringify(d) + d.a;",
        "Object.defineProperty(d, 'g', { get: function () { return 7; }, enumerable: true }); return JSON.stringify(d) + d.g;",
        "return JSON.stringify(Object.entries(d)) + JSON.stringify(Object.values(d));",
        "return String(Array.isArray(d.a)) + (d.a && d.a.length) + JSON.stringify(d.a) + JSON.stringify(d.items && d.items.map(function (i) { return i.sku; }));",
        "var s = Symbol('x'); d[s] = 1; return String(d[s]) + Object.keys(d).join() + Object.getOwnPropertySymbols(d).length;",
        "var copy = {}; for (var k in d) if (d.hasOwnProperty(k)) copy[k] = d[k]; return JSON.stringify(copy);",
        "return JSON.stringify(d, function (k, v) { return typeof v === 'number' ? v + 1 : v; });",
        "Object.setPrototypeOf(d, { inherited: 1 }); return d.inherited + JSON.stringify(d) + Object.keys(d).length;",
        "return JSON.stringify(Object.getOwnPropertyDescriptors(d));",
        "var b = d.b; d.b = 'new'; return JSON.stringify([b, d.b]) + Object.keys(d).join();",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_lazy_object_answers_every_probe_as_the_parsed_document(string json)
    {
        var mismatches = new List<string>();
        foreach (string probe in Probes)
        {
            string parsed = Run(probe, json, lazy: false);
            string lazy = Run(probe, json, lazy: true);
            if (parsed != lazy) mismatches.Add($"{probe}\n  JSON.parse: {parsed}\n  lazy:       {lazy}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void A_probe_that_reads_before_it_writes_still_sees_its_first_reads_afterwards()
    {
        // The value read first is the same object after the document materializes its other members.
        const string json = """{"a":{"n":1},"b":[1,2],"c":"x"}""";
        string probe = "var a = d.a, b = d.b; d.z = 0; return String(a === d.a) + (b === d.b) + JSON.stringify(d);";
        Assert.Equal("truetrue{\"a\":{\"n\":1},\"b\":[1,2],\"c\":\"x\",\"z\":0}", Run(probe, json, lazy: true));
    }

    private static string Run(string probe, string json, bool lazy)
    {
        var engine = new Engine(options => options.MaxJsonParseDepth(4096));
        var values = new JsonValues(engine, 4096);
        var doc = lazy ? values.Read(Encoding.UTF8.GetBytes(json)) : engine.Invoke(engine.Evaluate("JSON.parse"), json);
        try
        {
            return engine.Invoke(engine.Evaluate("(function (d) { " + probe + " })"), doc).ToString();
        }
        catch (JavaScriptException e)
        {
            return "threw " + e.Message;
        }
    }
}
