using System.Text.Json;
using System.Text.RegularExpressions;

namespace CouchJs.Database.Mango;

/// <summary>
/// One step of a selector as mango_selector keeps it: a single-member object <c>{Key: argument}</c>.
/// The key is an operator (<c>$and</c>, <c>$gt</c>…) or a field path; the argument is another node
/// (<c>$not</c>, <c>$elemMatch</c>, a field's condition), a list of nodes (<c>$and</c>, <c>$or</c>,
/// <c>$nor</c>) or a JSON value (the comparison operators).
/// </summary>
internal sealed class SelectorNode
{
    private SelectorNode(string key) => Key = key;

    public string Key { get; }

    public SelectorNode? Child { get; private init; }

    public SelectorNode[]? Children { get; private init; }

    public JsonElement Value { get; private init; }

    /// <summary>The compiled pattern of a <c>$regex</c> node.</summary>
    public Regex? Pattern { get; private init; }

    /// <summary>The parsed path of a field node (null for operators and for the empty path).</summary>
    public string[]? Path { get; private set; }

    public bool IsOperator => Key.StartsWith('$');

    public static SelectorNode Of(string key, SelectorNode child) => new(key) { Child = child };

    public static SelectorNode Of(string key, SelectorNode[] children) => new(key) { Children = children };

    public static SelectorNode Of(string key, JsonElement value, Regex? pattern = null) => new(key) { Value = value, Pattern = pattern };

    /// <summary>The same node under another key (negation swaps <c>$lt</c> for <c>$gte</c>…).</summary>
    public SelectorNode WithKey(string key) => new(key) { Child = Child, Children = Children, Value = Value, Pattern = Pattern };

    /// <summary>Splits every field path once, so matching never re-parses them.</summary>
    public void ResolvePaths()
    {
        if (!IsOperator && Key.Length > 0) Path = FieldPath.Parse(Key);
        Child?.ResolvePaths();
        if (Children is not null)
            foreach (var child in Children) child.ResolvePaths();
    }
}
