using System.Text;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Tests.Revisions;

/// <summary>
/// Trees written like couch_key_tree's tuples, one root per space-separated item:
/// <c>1@1:foo[1a:bar,1b]</c> is <c>{1, {"1", "foo", [{"1a", "bar", []}, {"1b", ?REV_MISSING, []}]}}</c>.
/// </summary>
internal static class TreeNotation
{
    public const int NoLimit = 1000;

    public static string Show(RevTree<string> tree) =>
        string.Join(" ", tree.Roots.Select(r => $"{r.StartPos}@{ShowNode(r.Root)}"));

    /// <summary>Builds the tree through <see cref="RevTree{T}.Merge"/> (one merge per leaf path), then sets every value as written.</summary>
    public static RevTree<string> Build(string notation)
    {
        var tree = new RevTree<string>();
        var values = new Dictionary<Rev, string?>();
        foreach (string item in notation.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int at = item.IndexOf('@');
            long start = long.Parse(item[..at]);
            int i = at + 1;
            var root = ParseNode(item, ref i);
            foreach (var (leafPos, path) in LeafPaths(start, root))
                tree.Merge(leafPos, path, "leaf", NoLimit);
            Collect(start, root, values);
        }
        tree.ForEachNode((rev, node, _) => node.Value = values[rev]);
        return tree;
    }

    /// <summary>A path as <see cref="RevTree{T}.Merge"/> takes it: <c>"3:1aa,1a,1"</c> is leaf 3-1aa with its ancestors.</summary>
    public static (long LeafPos, string[] Hashes) Path(string notation)
    {
        int colon = notation.IndexOf(':');
        return (long.Parse(notation[..colon]), notation[(colon + 1)..].Split(','));
    }

    private sealed record Node(string Hash, string? Value, List<Node> Children);

    private static string ShowNode(RevNode<string> node)
    {
        var text = new StringBuilder(node.Hash);
        if (node.Value is not null) text.Append(':').Append(node.Value);
        if (node.Children.Count > 0) text.Append('[').AppendJoin(",", node.Children.Select(ShowNode)).Append(']');
        return text.ToString();
    }

    private static Node ParseNode(string text, ref int i)
    {
        int begin = i;
        while (i < text.Length && text[i] is not (':' or '[' or ',' or ']')) i++;
        string hash = text[begin..i];
        string? value = null;
        if (i < text.Length && text[i] == ':')
        {
            begin = ++i;
            while (i < text.Length && text[i] is not ('[' or ',' or ']')) i++;
            value = text[begin..i];
        }
        var node = new Node(hash, value, []);
        if (i < text.Length && text[i] == '[')
        {
            do
            {
                i++;
                node.Children.Add(ParseNode(text, ref i));
            } while (text[i] == ',');
            i++;
        }
        return node;
    }

    private static IEnumerable<(long, string[])> LeafPaths(long start, Node root)
    {
        var stack = new Stack<(Node Node, long Pos, string[] Path)>();
        stack.Push((root, start, [root.Hash]));
        while (stack.TryPop(out var item))
        {
            if (item.Node.Children.Count == 0) yield return (item.Pos, item.Path);
            foreach (var child in item.Node.Children) stack.Push((child, item.Pos + 1, [child.Hash, .. item.Path]));
        }
    }

    private static void Collect(long pos, Node node, Dictionary<Rev, string?> values)
    {
        values[new Rev(pos, node.Hash)] = node.Value;
        foreach (var child in node.Children) Collect(pos + 1, child, values);
    }
}
