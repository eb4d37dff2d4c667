using System.Text;
using CouchJs.QueryServers;
using CouchJs.Views.Reduce;

namespace CouchJs.Views.Tests.Reduce;

/// <summary>
/// _approx_count_distinct within the error bound CouchDB's own test allows
/// (reduce_builtin_test.exs: |estimate - n| &lt; n · 1.04/√(2^10), about 3.3%).
/// </summary>
public class ApproxCountDistinctTests
{
    private static readonly BuiltinReducer Reducer = BuiltinReducer.Get("_approx_count_distinct")!;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(30)]
    public void Small_counts_are_exact(int distinct) => Assert.Equal(distinct, Estimate(Reducer.Reduce(Rows(0, distinct))));

    [Theory]
    [InlineData(50)]
    [InlineData(100)]
    [InlineData(500)]
    [InlineData(1_000)]
    [InlineData(5_000)]
    [InlineData(20_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Larger_counts_are_within_couchdbs_error_bound(int distinct)
    {
        long estimate = Estimate(Reducer.Reduce(Rows(0, distinct)));
        Assert.True(Math.Abs(estimate - distinct) < distinct * 1.04 / Math.Sqrt(1 << 10), $"{distinct} distinct keys estimated as {estimate}");
    }

    [Fact]
    public void Repeated_keys_count_once()
    {
        var rows = Rows(0, 300).Concat(Rows(0, 300)).Concat(Rows(100, 100)).ToArray();
        Assert.Equal(Estimate(Reducer.Reduce(Rows(0, 300))), Estimate(Reducer.Reduce(rows)));
    }

    [Fact]
    public void Rereduce_is_the_union_of_sketches()
    {
        var whole = Reducer.Reduce(Rows(0, 3000));
        var parts = new[] { Rows(0, 1000), Rows(1000, 1000), Rows(500, 2500) }.Select(r => (ReadOnlyMemory<byte>)Reducer.Reduce(r)).ToArray();
        var merged = Reducer.Rereduce(parts);
        Assert.Equal(whole, merged);
        Assert.Equal(Estimate(whole), Estimate(merged));
        // Small sketches stay small (sparse), large ones take 1 + 1024 bytes.
        Assert.True(Reducer.Reduce(Rows(0, 10)).Length <= 21);
        Assert.Equal(1025, whole.Length);
        Assert.Equal("0", Encoding.ASCII.GetString(Reducer.Finish(Reducer.Rereduce([])).Span));
    }

    [Fact]
    public void Keys_are_distinct_as_json_values()
    {
        KeyValueRow Row(string key) => new(Encoding.UTF8.GetBytes(key), "", "null"u8.ToArray());
        // 1 and 1.0 are different terms for CouchDB, so they count twice.
        Assert.Equal(4, Estimate(Reducer.Reduce([Row("1"), Row("1.0"), Row("\"1\""), Row("[1]"), Row("1")])));
    }

    private static long Estimate(byte[] reduction) => long.Parse(Encoding.ASCII.GetString(Reducer.Finish(reduction).Span));

    private static KeyValueRow[] Rows(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => new KeyValueRow(Encoding.UTF8.GetBytes($"[\"user\",{i}]"), $"doc{i}", "1"u8.ToArray()))];
}
