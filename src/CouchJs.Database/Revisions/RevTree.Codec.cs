using CouchJs.Storage.Encoding;

namespace CouchJs.Database.Revisions;

/// <summary>
/// Binary form, kept small because it sits in by-id leaves:
/// <code>
/// tree  = varuint root count, root*
/// root  = varint start position, node*            nodes in pre-order
/// node  = byte flags, [varuint child count], hash, [value]
/// flags = bit 0: hash is 16 raw bytes (32 lowercase hex), else a length-prefixed UTF-8 string
///         bit 1: a value follows (else the rev's body is missing)
///         bits 2-7: child count, or 63 when a varuint child count follows
/// </code>
/// </summary>
public sealed partial class RevTree<T>
{
    private const byte HexHashFlag = 1;
    private const byte HasValueFlag = 2;
    private const int ChildCountShift = 2;
    private const int ChildCountEscape = 63;

    public void Write(BufferWriter writer, Action<BufferWriter, T> writeValue)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(writeValue);
        writer.WriteVarUInt((ulong)_roots.Count);
        var stack = new Stack<RevNode<T>>();
        foreach (var (start, root) in _roots)
        {
            writer.WriteVarInt(start);
            stack.Push(root);
            while (stack.TryPop(out var node))
            {
                WriteNode(writer, node, writeValue);
                for (int i = node.Children.Count - 1; i >= 0; i--) stack.Push(node.Children[i]);
            }
        }
    }

    public static RevTree<T> Read(ref BufferReader reader, RevValueReader<T> readValue)
    {
        ArgumentNullException.ThrowIfNull(readValue);
        var tree = new RevTree<T>();
        int rootCount = checked((int)reader.ReadVarUInt());
        // Nodes still owed children, with how many.
        var open = new Stack<(RevNode<T> Node, int Remaining)>();
        for (int r = 0; r < rootCount; r++)
        {
            long start = reader.ReadVarInt();
            var root = ReadNode(ref reader, readValue, out int rootChildren);
            tree._roots.Add((start, root));
            open.Push((root, rootChildren));
            while (open.TryPop(out var parent))
            {
                if (parent.Remaining == 0) continue;
                open.Push((parent.Node, parent.Remaining - 1));
                var child = ReadNode(ref reader, readValue, out int childCount);
                parent.Node.Children.Add(child);
                open.Push((child, childCount));
            }
        }
        return tree;
    }

    private static void WriteNode(BufferWriter writer, RevNode<T> node, Action<BufferWriter, T> writeValue)
    {
        bool hex = RevHash.IsCompactHex(node.Hash);
        int children = node.Children.Count;
        int flags = (hex ? HexHashFlag : 0)
            | (node.Value is null ? 0 : HasValueFlag)
            | (Math.Min(children, ChildCountEscape) << ChildCountShift);
        writer.WriteByte((byte)flags);
        if (children >= ChildCountEscape) writer.WriteVarUInt((ulong)children);
        if (hex)
        {
            RevHash.DecodeHex(node.Hash, writer.GetSpan(RevHash.ByteLength));
            writer.Advance(RevHash.ByteLength);
        }
        else
        {
            writer.WriteString(node.Hash);
        }
        if (node.Value is not null) writeValue(writer, node.Value);
    }

    private static RevNode<T> ReadNode(ref BufferReader reader, RevValueReader<T> readValue, out int childCount)
    {
        int flags = reader.ReadByte();
        childCount = flags >> ChildCountShift;
        if (childCount == ChildCountEscape) childCount = checked((int)reader.ReadVarUInt());
        string hash = (flags & HexHashFlag) != 0
            ? Convert.ToHexStringLower(reader.Take(RevHash.ByteLength).Span)
            : reader.ReadString();
        var value = (flags & HasValueFlag) != 0 ? readValue(ref reader) : null;
        return new RevNode<T>(hash, value);
    }
}
