using CouchJs.QueryServers;
using CouchJs.Views.Collation;

namespace CouchJs.Views.Reduce;

/// <summary>
/// couch_query_servers' sum_values: how one map value adds into the running _sum. Numbers add;
/// arrays add element-wise, the longer one's tail kept as it is; a number meets an array as a
/// one-element array; objects add member-wise by key (both sorted by key, then merged), and an object
/// added to the integer 0 is taken as it is. A value that does not fit throws
/// <see cref="SumInputException"/> (the builtin_reduce_error the reduction becomes); a value that is
/// itself such an error object throws <see cref="SumErrorValueException"/>, passing it on. Where
/// CouchDB's clauses match nothing (an object met by another number or a list; an "error" member
/// that is not builtin_reduce_error) Erlang raises case_clause and the reduce crashes: a
/// <see cref="QueryServerException"/> named case_clause here.
/// </summary>
internal static class SumRules
{
    public static Ejson Add(Ejson value, Ejson acc)
    {
        switch (value)
        {
            case EjsonNumber number when acc is EjsonNumber sum:
                return new EjsonNumber(sum.Value + number.Value);
            case EjsonList list when acc is EjsonList sums:
                return SumArrays(sums.Items, list.Items);
            case EjsonNumber number when acc is EjsonList sums:
                return SumArrays(sums.Items, [number]);
            case EjsonList list when acc is EjsonNumber sum:
                return SumArrays([sum], list.Items);
            case EjsonObject obj:
                return AddObject(obj, acc);
            default:
                throw new SumInputException(value);
        }
    }

    private static Ejson AddObject(EjsonObject value, Ejson acc)
    {
        switch (value.Find("error"u8))
        {
            case null:
                break;
            case EjsonOther other when other.IsString("builtin_reduce_error"u8):
                throw new SumErrorValueException(value);
            case var other:
                throw new QueryServerException("case_clause", "{<<\"error\">>," + other.ToErlang() + "}");
        }
        return acc switch
        {
            EjsonNumber { Value.IsIntegerZero: true } => value,
            EjsonObject sums => new EjsonObject(SumObjects(Sorted(value.Members), Sorted(sums.Members))),
            _ => throw new QueryServerException("case_clause", acc.ToErlang()),
        };
    }

    // sum_arrays(Xs, Ys): a failing pair reports what is left of Xs.
    private static EjsonList SumArrays(List<Ejson> xs, List<Ejson> ys)
    {
        int common = Math.Min(xs.Count, ys.Count);
        var result = new List<Ejson>(Math.Max(xs.Count, ys.Count));
        for (int i = 0; i < common; i++)
        {
            if (xs[i] is not EjsonNumber x || ys[i] is not EjsonNumber y) throw new SumInputException(new EjsonList(xs[i..]));
            result.Add(new EjsonNumber(x.Value + y.Value));
        }
        result.AddRange(xs.Count > common ? xs[common..] : ys[common..]);
        return new EjsonList(result);
    }

    // sum_objects over two key-sorted member lists: equal keys add (value side first), others merge in order.
    private static List<EjsonMember> SumObjects(List<EjsonMember> values, List<EjsonMember> sums)
    {
        var result = new List<EjsonMember>(values.Count + sums.Count);
        int i = 0, j = 0;
        while (i < values.Count && j < sums.Count)
        {
            int byKey = RawStringOrder.Compare(values[i].Key.Span, sums[j].Key.Span);
            if (byKey == 0) result.Add(new EjsonMember(values[i].Key, Add(values[i++].Value, sums[j++].Value)));
            else result.Add(byKey < 0 ? values[i++] : sums[j++]);
        }
        result.AddRange(values.Skip(i));
        result.AddRange(sums.Skip(j));
        return result;
    }

    // lists:sort of {Key, Value} pairs: by key bytes, equal keys by the values' term order.
    private static List<EjsonMember> Sorted(List<EjsonMember> members)
    {
        var sorted = new List<EjsonMember>(members);
        sorted.Sort((a, b) =>
        {
            int byKey = RawStringOrder.Compare(a.Key.Span, b.Key.Span);
            return byKey != 0 ? byKey : ViewCollation.CompareRaw(a.Value.ToJson(), b.Value.ToJson());
        });
        return sorted;
    }
}

/// <summary>A map value _sum cannot add (couch_query_servers' invalid_value with its cause).</summary>
internal sealed class SumInputException(Ejson cause) : Exception("_sum input is not summable")
{
    public Ejson Cause { get; } = cause;
}

/// <summary>A value that is already a builtin_reduce_error object; the sum becomes that object.</summary>
internal sealed class SumErrorValueException(EjsonObject error) : Exception("_sum input is a builtin_reduce_error")
{
    public EjsonObject Error { get; } = error;
}
