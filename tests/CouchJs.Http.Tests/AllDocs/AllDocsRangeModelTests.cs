using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.AllDocs;

/// <summary>
/// Range queries against a model: random ids (seeded), some deleted, compared with a sorted list for
/// many combinations of startkey/endkey (or the doc id forms), inclusive_end, descending, skip and limit.
/// </summary>
public sealed class AllDocsRangeModelTests(CouchServer server) : IClassFixture<CouchServer>
{
    private const string Alphabet = "aAbBzZ09-~.é_";

    private HttpClient Client => server.Client;

    [Theory]
    [InlineData("_all_docs", 1)]
    [InlineData("_all_docs", 2)]
    [InlineData("_design_docs", 3)]
    public async Task Ranges_match_a_sorted_model(string resource, int seed)
    {
        var random = new Random(seed);
        string db = await TestDb.Create(Client);
        var ids = new SortedSet<string>(Bytewise.Instance);
        while (ids.Count < 60) ids.Add((random.Next(4) == 0 ? "_design/" : "") + RandomId(random));
        var revs = await TestDb.Put(Client, db, [.. ids]);
        var live = new List<string>();
        foreach (string id in ids)
        {
            if (random.Next(5) == 0) await TestDb.Delete(Client, db, id, revs[id]);
            else live.Add(id);
        }
        var probes = ids.Concat(Enumerable.Range(0, 20).Select(_ => RandomId(random))).Append("_design/").Append("_design0").ToList();

        for (int i = 0; i < 150; i++)
        {
            var query = new Query(
                Pick(random, probes), Pick(random, probes), random.Next(2) == 0, random.Next(2) == 0,
                random.Next(3) == 0 ? random.Next(4) : 0, random.Next(3) == 0 ? random.Next(6) : null, random.Next(2) == 0);
            var body = await HttpAssert.Json(await Client.GetAsync($"{db}/{resource}?{query.QueryString()}"), HttpStatusCode.OK);
            var (rows, offset) = Model(live, query, resource == "_design_docs");
            string context = $"{resource}?{query.QueryString()}";
            Assert.True(rows.SequenceEqual(body!["rows"]!.AsArray().Select(r => (string)r!["id"]!)),
                $"{context}: expected [{string.Join(",", rows)}], got {body["rows"]!.ToJsonString()}");
            Assert.Equal(resource == "_design_docs" ? live.Count(IsDesign) : live.Count, (int)body["total_rows"]!);
            Assert.True(offset == (int)body["offset"]!, $"{context}: offset {offset} expected, got {body["offset"]}");
        }
    }

    private sealed record Query(string? Start, string? End, bool InclusiveEnd, bool Descending, int Skip, int? Limit, bool DocIdForm)
    {
        public string QueryString()
        {
            var parts = new List<string>();
            if (Start is not null) parts.Add(DocIdForm ? "startkey_docid=" + Uri.EscapeDataString(Start) : "startkey=" + Json(Start));
            if (End is not null) parts.Add(DocIdForm ? "endkey_docid=" + Uri.EscapeDataString(End) : "end_key=" + Json(End));
            if (!InclusiveEnd) parts.Add("inclusive_end=false");
            if (Descending) parts.Add("descending=true");
            if (Skip > 0) parts.Add("skip=" + Skip);
            if (Limit is { } limit) parts.Add("limit=" + limit);
            return string.Join("&", parts);
        }

        private static string Json(string value) => Uri.EscapeDataString(JsonValue.Create(value).ToJsonString());
    }

    // CouchDB's semantics: the start bounds inclusively in the fold's direction, the end as inclusive_end
    // says; _design_docs clamps the range to the design ids and counts only design docs (total_rows and
    // offset); offset counts live docs before the start.
    private static (List<string> Rows, int Offset) Model(List<string> all, Query q, bool design)
    {
        var live = design ? all.Where(IsDesign).ToList() : all;
        string? start = q.Start, end = q.End;
        if (design)
        {
            start = q.Descending ? Min(start ?? "_design0", "_design0") : Max(start ?? "_design/", "_design/");
            end = q.Descending ? Max(end ?? "_design/", "_design/") : Min(end ?? "_design0", "_design0");
        }
        var ordered = q.Descending ? Enumerable.Reverse(live).ToList() : live;
        int sign = q.Descending ? -1 : 1;
        var inRange = ordered.Where(id =>
            (start is null || sign * Bytewise.Instance.Compare(id, start) >= 0)
            && (end is null || (q.InclusiveEnd ? sign * Bytewise.Instance.Compare(id, end) <= 0 : sign * Bytewise.Instance.Compare(id, end) < 0)));
        var rows = inRange.Skip(q.Skip).Take(q.Limit ?? int.MaxValue).ToList();
        int before = start is null ? 0 : ordered.Count(id => sign * Bytewise.Instance.Compare(id, start) < 0);
        return (rows, Math.Min(live.Count, before + q.Skip));
    }

    private static bool IsDesign(string id) => id.StartsWith("_design/", StringComparison.Ordinal);

    private static string RandomId(Random random)
    {
        var id = new StringBuilder();
        int length = random.Next(1, 5);
        // Only _design/ ids may start with an underscore.
        id.Append(Alphabet[random.Next(Alphabet.Length - 1)]);
        for (int i = 1; i < length; i++) id.Append(Alphabet[random.Next(Alphabet.Length)]);
        return id.ToString();
    }

    private static string? Pick(Random random, List<string> probes) => random.Next(4) == 0 ? null : probes[random.Next(probes.Count)];

    private static string Min(string a, string b) => Bytewise.Instance.Compare(a, b) <= 0 ? a : b;

    private static string Max(string a, string b) => Bytewise.Instance.Compare(a, b) >= 0 ? a : b;

    /// <summary>Ids sort by their UTF-8 bytes, as _all_docs does.</summary>
    private sealed class Bytewise : IComparer<string>
    {
        public static readonly Bytewise Instance = new();

        public int Compare(string? x, string? y) => Encoding.UTF8.GetBytes(x!).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y!));
    }
}
