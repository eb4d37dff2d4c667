using System.Globalization;
using System.Text;
using CouchJs.QueryServers;

namespace CouchJs.Views.Reduce;

/// <summary>
/// _approx_count_distinct: the number of distinct keys, estimated with a <see cref="HyperLogLog"/>
/// sketch. Reductions are serialized sketches (a reduce sketches its rows' keys, a rereduce unions);
/// <see cref="Finish"/> shows the estimate rounded to an integer, as couch_query_servers' finalize.
/// </summary>
internal sealed class ApproxCountDistinctReducer : BuiltinReducer
{
    public override string Name => "_approx_count_distinct";

    public override byte[] Reduce(IReadOnlyList<KeyValueRow> rows)
    {
        var sketch = new HyperLogLog();
        for (int i = 0; i < rows.Count; i++) sketch.Add(rows[i].Key.Span);
        return sketch.ToBytes();
    }

    public override byte[] Rereduce(IReadOnlyList<ReadOnlyMemory<byte>> reductions)
    {
        var sketch = new HyperLogLog();
        for (int i = 0; i < reductions.Count; i++) sketch.Merge(reductions[i].Span);
        return sketch.ToBytes();
    }

    public override ReadOnlyMemory<byte> Finish(ReadOnlyMemory<byte> reduction)
    {
        var sketch = new HyperLogLog();
        sketch.Merge(reduction.Span);
        long count = (long)Math.Round(sketch.Estimate(), MidpointRounding.AwayFromZero);
        return Encoding.ASCII.GetBytes(count.ToString(CultureInfo.InvariantCulture));
    }
}
