using System.Text;
using System.Text.Json;

namespace CouchJs.Database.Mango;

// Mango's selector errors (mango_error:info for mango_selector), with arguments printed as Erlang terms.
public sealed partial class Selector
{
    private static CouchException Error(string error, string reason) => new(400, error, reason);

    private static CouchException BadArg(string op, JsonElement arg) =>
        Error("bad_arg", $"Bad argument for operator {op}: {ErlangTerm.Format(arg)}");

    private static CouchException BadArg(string op, SelectorNode arg) =>
        Error("bad_arg", $"Bad argument for operator {op}: {Describe(arg)}");

    private static CouchException InvalidOperator(string op) => Error("invalid_operator", $"Invalid operator: {op}");

    private static CouchException NotSupported(string op) => Error("not_supported", $"Unsupported operator: {op}");

    private static CouchException BadField(SelectorNode node) =>
        Error("bad_field", $"Invalid field normalization on selector: {Describe(node)}");

    /// <summary>A node as Erlang prints its EJSON: <c>{[{&lt;&lt;"$gt"&gt;&gt;,5}]}</c>.</summary>
    private static string Describe(SelectorNode node)
    {
        var text = new StringBuilder("{[{").Append(ErlangTerm.Binary(node.Key)).Append(',');
        if (node.Child is { } child) text.Append(Describe(child));
        else if (node.Children is { } children) text.Append('[').AppendJoin(',', children.Select(Describe)).Append(']');
        else text.Append(ErlangTerm.Format(node.Value));
        return text.Append("}]}").ToString();
    }
}
