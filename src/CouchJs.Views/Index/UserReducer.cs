using System.Text;
using CouchJs.QueryServers;
using CouchJs.Views.Design;
using CouchJs.Views.Engine;
using CouchJs.Views.Reduce;

namespace CouchJs.Views.Index;

/// <summary>
/// Computes a view tree's named reduces over a leaf's rows (reduce) or over child reductions
/// (rereduce): built-ins in C#, JavaScript ones in a query server — every JavaScript reduce of the
/// tree in one <c>reduce</c> message, one <c>rereduce</c> each, as couch_query_servers does. With
/// <c>only</c> set, just that slot is computed (a query reads one reduce).
/// </summary>
internal sealed class UserReducer
{
    private readonly IReadOnlyList<ReduceFunction> _functions;
    private readonly BuiltinReducer?[] _builtins;
    private readonly int[] _jsSlots;
    private readonly string[] _jsSources;
    private readonly QueryServerSession? _js;
    private readonly int _only;
    private readonly CancellationToken _cancel;

    /// <param name="js">Where JavaScript reduces run; may be null when every function computed is a built-in.</param>
    public UserReducer(IReadOnlyList<ReduceFunction> functions, QueryServerSession? js, int only, BuiltinReduceLimit limit, CancellationToken cancel)
    {
        _functions = functions;
        _builtins = [.. functions.Select(f => f.IsBuiltin ? Builtin(f.Source, limit) : null)];
        _jsSlots = [.. Enumerable.Range(0, functions.Count).Where(i => !functions[i].IsBuiltin && (only < 0 || only == i))];
        _jsSources = [.. _jsSlots.Select(i => functions[i].Source)];
        if (_jsSlots.Length > 0 && js is null) throw new ArgumentException("JavaScript reduces need a query server", nameof(js));
        _js = js;
        _only = only;
        _cancel = cancel;
    }

    /// <summary>An unknown built-in (saved by replication, which skips validation) fails like a design doc update would.</summary>
    private static BuiltinReducer Builtin(string source, BuiltinReduceLimit? limit = null) =>
        BuiltinReducer.Get(source, limit) ?? throw new QueryServerException(BuiltinReducer.UnsupportedError, BuiltinReducer.Validate(source)!);

    private bool Computes(int slot) => _only < 0 || _only == slot;

    public ReadOnlyMemory<byte>[] Reduce(ReadOnlySpan<ViewKey> keys, ReadOnlySpan<ReadOnlyMemory<byte>> values)
    {
        var result = new ReadOnlyMemory<byte>[_functions.Count];
        KeyValueRow[]? anonymous = null;
        for (int slot = 0; slot < _builtins.Length; slot++)
        {
            if (_builtins[slot] is not { } builtin || !Computes(slot)) continue;
            // Built-ins read keys and values only; their rows skip decoding doc ids.
            anonymous ??= Rows(keys, values, withIds: false);
            result[slot] = builtin.Reduce(anonymous);
        }
        if (_jsSlots.Length > 0)
        {
            var rows = Rows(keys, values, withIds: true);
            var reductions = _js!.RunSync(server => server.Reduce(_jsSources, rows, _cancel));
            for (int j = 0; j < _jsSlots.Length; j++) result[_jsSlots[j]] = reductions[j];
        }
        return result;
    }

    public ReadOnlyMemory<byte>[] Rereduce(ReadOnlySpan<ViewReduction> reductions)
    {
        var result = new ReadOnlyMemory<byte>[_functions.Count];
        for (int slot = 0; slot < _functions.Count; slot++)
        {
            if (!Computes(slot)) continue;
            var inputs = new ReadOnlyMemory<byte>[reductions.Length];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = reductions[i].User[slot];
            if (_builtins[slot] is { } builtin)
            {
                result[slot] = builtin.Rereduce(inputs);
                continue;
            }
            string source = _functions[slot].Source;
            result[slot] = _js!.RunSync(server => server.Rereduce([source], inputs, _cancel))[0];
        }
        return result;
    }

    /// <summary>The value a query shows for a reduction: built-ins finish theirs (a HyperLogLog state becomes a count).</summary>
    public static ReadOnlyMemory<byte> Finish(ReduceFunction function, ReadOnlyMemory<byte> reduction) =>
        function.IsBuiltin ? Builtin(function.Source).Finish(reduction) : reduction;

    private static KeyValueRow[] Rows(ReadOnlySpan<ViewKey> keys, ReadOnlySpan<ReadOnlyMemory<byte>> values, bool withIds)
    {
        var rows = new KeyValueRow[keys.Length];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new KeyValueRow(keys[i].Key, withIds ? Encoding.UTF8.GetString(keys[i].DocId.Span) : "", values[i]);
        return rows;
    }
}
