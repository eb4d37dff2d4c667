using System.Globalization;
using CouchJs.Views.Querying;
using CouchJs.Views.Tests.Support;
using CouchJs.Views.Updating;

namespace CouchJs.Views.Tests.Engine;

/// <summary>
/// Random inserts, updates and deletes, applied in small batches, against a model: after each round
/// every range and grouped reduce (built-in and JavaScript) must equal the reduction recomputed from
/// the model's documents, and the rows must be the model's, in order.
/// </summary>
public sealed class ReduceModelTests : IAsyncLifetime
{
    private readonly ViewHarness _h = ViewHarness.InMemory(update: new UpdateSettings { MapBatchSize = 50, WriteBatchSize = 120 });
    private readonly Dictionary<string, (int A, int B, int Value, string Rev)> _model = [];
    private readonly Random _random = new(4242);

    public async Task InitializeAsync() =>
        await _h.PutDesign("_design/m", """{"sum":{"map":"by_key","reduce":"_sum"},"js":{"map":"by_key","reduce":"js_sum"}}""");

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Reductions_match_recomputation_after_random_changes()
    {
        int next = 0;
        for (int round = 0; round < 5; round++)
        {
            for (int op = 0; op < 700; op++)
            {
                int pick = _random.Next(10);
                if (pick < 6 || _model.Count < 20) await Insert($"doc{next++:D5}");
                else if (pick < 8) await Insert(_model.Keys.ElementAt(_random.Next(_model.Count)));
                else await Remove(_model.Keys.ElementAt(_random.Next(_model.Count)));
            }
            await CheckRows();
            for (int q = 0; q < 25; q++) await CheckRange();
            await CheckGroups(1);
            await CheckGroups(ViewQuery.ExactGroup);
        }
    }

    private async Task Insert(string id)
    {
        int a = _random.Next(7), b = _random.Next(7), value = _random.Next(-50, 100);
        string rev = _model.TryGetValue(id, out var old) ? $",\"_rev\":\"{old.Rev}\"" : "";
        string newRev = await _h.Put($$"""{"_id":"{{id}}"{{rev}},"key":[{{a}},{{b}}],"value":{{value}}}""");
        _model[id] = (a, b, value, newRev);
    }

    private async Task Remove(string id)
    {
        await _h.Delete(id, _model[id].Rev);
        _model.Remove(id);
    }

    private IEnumerable<(string Id, int A, int B, int Value)> Sorted() =>
        _model.Select(e => (e.Key, e.Value.A, e.Value.B, e.Value.Value)).OrderBy(r => r.A).ThenBy(r => r.B).ThenBy(r => r.Key, StringComparer.Ordinal);

    private async Task CheckRows()
    {
        var rows = await _h.Map("_design/m", "sum");
        Assert.Equal(_model.Count, rows.TotalRows);
        Assert.Equal(Sorted().Select(r => r.Id), rows.Ids);
    }

    private async Task CheckRange()
    {
        int a1 = _random.Next(7), b1 = _random.Next(7), a2 = _random.Next(7), b2 = _random.Next(7);
        bool descending = _random.Next(2) == 0, inclusive = _random.Next(2) == 0;
        int c = Compare((a1, b1), (a2, b2));
        if (descending ? c < 0 : c > 0) ((a1, b1), (a2, b2)) = ((a2, b2), (a1, b1));
        var query = new ViewQuery { StartKey = Key(a1, b1), EndKey = Key(a2, b2), Descending = descending, InclusiveEnd = inclusive };
        var low = descending ? (a2, b2) : (a1, b1);
        var high = descending ? (a1, b1) : (a2, b2);
        var inRange = Sorted().Where(r =>
        {
            int fromLow = Compare((r.A, r.B), low), toHigh = Compare((r.A, r.B), high);
            bool lowOk = descending && !inclusive ? fromLow > 0 : fromLow >= 0;
            bool highOk = !descending && !inclusive ? toHigh < 0 : toHigh <= 0;
            return lowOk && highOk;
        }).ToList();
        var expected = inRange.Count == 0 ? [] : new List<(string, string)> { ("null", inRange.Sum(r => r.Value).ToString(CultureInfo.InvariantCulture)) };
        Assert.Equal(expected, await _h.Reduce("_design/m", "sum", query));
        Assert.Equal(expected, await _h.Reduce("_design/m", "js", query));
        var rows = await _h.Map("_design/m", "sum", query);
        Assert.Equal(descending ? inRange.Select(r => r.Id).Reverse() : inRange.Select(r => r.Id), rows.Ids);
    }

    private async Task CheckGroups(int level)
    {
        var expected = Sorted()
            .GroupBy(r => level == 1 ? $"[{r.A}]" : $"[{r.A},{r.B}]")
            .Select(g => (g.Key, g.Sum(r => r.Value).ToString(CultureInfo.InvariantCulture)))
            .ToList();
        var query = new ViewQuery { GroupLevel = level };
        Assert.Equal(expected, await _h.Reduce("_design/m", "sum", query));
        Assert.Equal(expected, await _h.Reduce("_design/m", "js", query));
    }

    private static int Compare((int A, int B) x, (int A, int B) y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B);

    private static ReadOnlyMemory<byte> Key(int a, int b) => ViewHarness.Key($"[{a},{b}]");
}
