using System.Globalization;
using System.Text;
using CouchJs.QueryServers;

namespace CouchJs.Views.Reduce;

/// <summary>_count: a reduce counts its rows, a rereduce sums the counts (builtin_sum_rows).</summary>
internal sealed class CountReducer : BuiltinReducer
{
    public override string Name => "_count";

    public override byte[] Reduce(IReadOnlyList<KeyValueRow> rows) =>
        Encoding.ASCII.GetBytes(rows.Count.ToString(CultureInfo.InvariantCulture));

    public override byte[] Rereduce(IReadOnlyList<ReadOnlyMemory<byte>> reductions) =>
        SumAccumulator.Over(reductions).ToJson();
}
