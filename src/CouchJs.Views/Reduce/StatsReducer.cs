using System.Text;
using CouchJs.QueryServers;

namespace CouchJs.Views.Reduce;

/// <summary>
/// _stats: {sum, count, min, max, sumsqr} over numbers; arrays of numbers element-wise (nested arrays
/// nest); objects with those five numeric members are taken as already-reduced stats (how a rereduce
/// reads its inputs, and what a map function may emit). No rows give all zeros. Bad input fails the
/// reduce as couch_query_servers' throws do: <see cref="QueryServerException"/> invalid_value with
/// CouchDB's reasons (the first row's check differs from the later rows', as in CouchDB).
/// </summary>
internal sealed class StatsReducer : BuiltinReducer
{
    private const string InvalidValue = "invalid_value";

    private static readonly (string Name, byte[] Utf8)[] Fields =
        [.. new[] { "sum", "count", "min", "max", "sumsqr" }.Select(name => (name, Encoding.ASCII.GetBytes(name)))];

    public override string Name => "_stats";

    public override byte[] Reduce(IReadOnlyList<KeyValueRow> rows)
    {
        if (rows.Count == 0) return StatsTuple.Empty.ToJson();
        var acc = Initial(rows[0].Value);
        for (int i = 1; i < rows.Count; i++) acc = Add(rows[i].Value, acc);
        return acc.ToJson();
    }

    public override byte[] Rereduce(IReadOnlyList<ReadOnlyMemory<byte>> reductions)
    {
        if (reductions.Count == 0) return StatsTuple.Empty.ToJson();
        var acc = Initial(reductions[0]);
        for (int i = 1; i < reductions.Count; i++) acc = Add(reductions[i], acc);
        return acc.ToJson();
    }

    // build_initial_accumulator
    private static StatsNode Initial(ReadOnlyMemory<byte> value) =>
        ErlangNumber.TryParseValue(value.Span, out var number) ? StatsTuple.Of(number) : Initial(Ejson.Parse(value));

    private static StatsNode Initial(Ejson value) => value switch
    {
        EjsonNumber number => StatsTuple.Of(number.Value),
        EjsonList list => new StatsList([.. list.Items.Select(Initial)]),
        EjsonObject stats => Unpack(stats),
        _ => throw new QueryServerException(InvalidValue, $"non-numeric _stats input: {value.ToErlang()}"),
    };

    // stat_values(Value, Acc)
    private static StatsNode Add(ReadOnlyMemory<byte> value, StatsNode acc)
    {
        if (acc is StatsTuple tuple && ErlangNumber.TryParseValue(value.Span, out var number))
        {
            tuple.Absorb(number);
            return tuple;
        }
        return Add(Ejson.Parse(value), acc);
    }

    private static StatsNode Add(Ejson value, StatsNode acc)
    {
        if (value is EjsonList list && acc is StatsList accs)
        {
            // lists:zipwith/3 has no clause for lists of different lengths.
            if (list.Items.Count != accs.Items.Count) throw new QueryServerException("function_clause", "lists:zipwith/3");
            for (int i = 0; i < list.Items.Count; i++) accs.Items[i] = Add(list.Items[i], accs.Items[i]);
            return accs;
        }
        var tuple = value switch
        {
            EjsonObject stats => Unpack(stats),
            EjsonNumber number => StatsTuple.Of(number.Value),
            _ => null,
        };
        if (tuple is not null && acc is StatsTuple accTuple)
        {
            accTuple.Absorb(tuple);
            return accTuple;
        }
        string offending = tuple?.ToErlang() ?? value.ToErlang();
        throw new QueryServerException(InvalidValue,
            $"The _stats function requires that map values be numbers or arrays of numbers, not '{offending}'");
    }

    // unpack_stats: each field the first member of that name, which must be a number.
    private static StatsTuple Unpack(EjsonObject stats)
    {
        var values = new ErlangNumber[Fields.Length];
        for (int i = 0; i < Fields.Length; i++)
        {
            values[i] = stats.Find(Fields[i].Utf8) switch
            {
                EjsonNumber number => number.Value,
                null => throw new QueryServerException(InvalidValue,
                    $"user _stats input missing required field {Fields[i].Name} ({stats.ToErlang()[1..^1]})"),
                var other => throw new QueryServerException(InvalidValue,
                    $"non-numeric _stats input received for {Fields[i].Name}: {other.ToErlang()}"),
            };
        }
        return new StatsTuple(values[0], values[1], values[2], values[3], values[4]);
    }
}
