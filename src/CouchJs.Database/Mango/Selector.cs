using System.Text.Json;

namespace CouchJs.Database.Mango;

/// <summary>
/// A Mango selector (mango_selector): parsed and normalized once (implicit <c>$eq</c> and <c>$and</c>
/// made explicit, field names pushed down to the operators as dotted paths, negations moved to the
/// leaves), then matched against documents. Comparisons use CouchDB's view collation, <c>_id</c> the
/// raw term order. Invalid selectors throw Mango's errors (400 <c>bad_arg</c>, <c>invalid_operator</c>…).
/// </summary>
public sealed partial class Selector
{
    private readonly SelectorNode? _root;

    private Selector(SelectorNode? root) => _root = root;

    /// <summary>The empty selector <c>{}</c>: it matches every document.</summary>
    public bool IsEmpty => _root is null;

    /// <summary>Normalizes a selector object (the caller checks that it is an object).</summary>
    public static Selector Parse(JsonElement selector)
    {
        if (selector.ValueKind == JsonValueKind.Object && !selector.EnumerateObject().MoveNext()) return new Selector(null);
        var root = NormNegations(NormFields(NormOps(selector), ""));
        if (root.Key.Length == 0) throw Error("invalid_selector", "One or more conditions is missing a field name.");
        root.ResolvePaths();
        return new Selector(root);
    }

    /// <summary>Whether the document (a JSON object) matches.</summary>
    public bool Matches(JsonElement doc) => _root is null || Match(_root, doc, raw: false);
}
