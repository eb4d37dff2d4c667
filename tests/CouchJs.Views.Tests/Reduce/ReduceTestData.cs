using System.Text;
using CouchJs.QueryServers;
using CouchJs.Views.Reduce;

namespace CouchJs.Views.Tests.Reduce;

/// <summary>Rows and reductions written as JSON text for the reducer tests.</summary>
internal static class ReduceTestData
{
    public static KeyValueRow[] Rows(params string[] values) =>
        [.. values.Select((value, i) => new KeyValueRow(Encoding.UTF8.GetBytes($"\"k{i}\""), $"doc{i}", Encoding.UTF8.GetBytes(value)))];

    public static string ReduceOf(string builtin, params string[] values) =>
        Text(BuiltinReducer.Get(builtin)!.Reduce(Rows(values)));

    public static string RereduceOf(string builtin, params string[] reductions) =>
        Text(BuiltinReducer.Get(builtin)!.Rereduce([.. reductions.Select(r => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(r))]));

    public static string Text(ReadOnlyMemory<byte> json) => Encoding.UTF8.GetString(json.Span);
}
