using System.Buffers.Binary;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.CrashWriter;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;

// A child process for crash tests. Usage: CouchJs.Storage.CrashWriter <path> [maxSeconds]
// Opens (or creates) the file, continues after the batch its newest header records, and commits
// batch after batch, printing "committed N" once Commit(N) has returned. The test kills it with
// SIGKILL at a random moment; maxSeconds only stops an orphan whose test died.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: CouchJs.Storage.CrashWriter <path> [maxSeconds]");
    return 2;
}
var deadline = DateTime.UtcNow.AddSeconds(args.Length > 1 ? int.Parse(args[1]) : 60);
using var file = CouchFile.Open(FileDevice.Open(args[0], create: true));
var (batch, tree) = CrashBatches.Open(file);
Console.Out.WriteLine($"opened {batch}");
Console.Out.Flush();
while (DateTime.UtcNow < deadline)
{
    batch++;
    tree = CrashBatches.Apply(tree, batch);
    file.Commit(BatchHeader.Encode(batch, tree.ToStoredRoot()));
    Console.Out.WriteLine($"committed {batch}");
    Console.Out.Flush();
}
return 0;

namespace CouchJs.Storage.CrashWriter
{
    /// <summary>
    /// The batches the crash writer commits, shared with the tests that check what survived:
    /// batch b (from 1) inserts keys (b-1)*K .. b*K-1 with <see cref="Value"/> and sets key -1 to b.
    /// </summary>
    public static class CrashBatches
    {
        public const int KeysPerBatch = 200;

        /// <summary>The key that records the newest batch, rewritten by every batch.</summary>
        public const long BatchKey = -1;

        /// <summary>long → long, counting entries.</summary>
        public static readonly BTreeSpec<long, long, long> Spec = new(
            Comparer<long>.Default, Int64Codec.Instance, Int64Codec.Instance, Int64Codec.Instance,
            CountReducer<long, long>.Instance);

        public static long Value(long key) => unchecked(key * (long)0x9E3779B97F4A7C15UL) ^ 0x5DEECE66DL;

        /// <summary>The batch number and tree the newest header of <paramref name="file"/> records (0 and empty for a new file).</summary>
        public static (long Batch, BTree<long, long, long> Tree) Open(CouchFile file)
        {
            if (file.LastHeader is null) return (0, new BTree<long, long, long>(file, Spec));
            var (batch, root) = BatchHeader.Decode(file.LastHeader);
            return (batch, BTree<long, long, long>.Open(file, Spec, root));
        }

        public static BTree<long, long, long> Apply(BTree<long, long, long> tree, long batch)
        {
            var inserts = new List<KeyValuePair<long, long>>(KeysPerBatch + 1) { new(BatchKey, batch) };
            for (long k = (batch - 1) * KeysPerBatch; k < batch * KeysPerBatch; k++) inserts.Add(new(k, Value(k)));
            return tree.Modify(inserts);
        }
    }

    /// <summary>A commit header: batch number, tree root, optional padding (to make headers of any size).</summary>
    public static class BatchHeader
    {
        public static byte[] Encode(long batch, StoredRoot? root, int padding = 0)
        {
            int reduction = root?.Reduction.Length ?? 0;
            var bytes = new byte[8 + 1 + 8 + 8 + 4 + reduction + 4 + padding];
            var span = bytes.AsSpan();
            BinaryPrimitives.WriteInt64BigEndian(span, batch);
            int at = 8;
            bytes[at++] = root is null ? (byte)0 : (byte)1;
            BinaryPrimitives.WriteInt64BigEndian(span[at..], root?.Pointer ?? 0);
            BinaryPrimitives.WriteInt64BigEndian(span[(at + 8)..], root?.SubtreeSize ?? 0);
            BinaryPrimitives.WriteInt32BigEndian(span[(at + 16)..], reduction);
            at += 20;
            root?.Reduction.CopyTo(span[at..]);
            at += reduction;
            BinaryPrimitives.WriteInt32BigEndian(span[at..], padding);
            // Padding is derived from the batch so a header read back can be checked byte for byte.
            for (int i = 0; i < padding; i++) bytes[at + 4 + i] = (byte)(batch * 31 + i * 7);
            return bytes;
        }

        public static (long Batch, StoredRoot? Root) Decode(byte[] header)
        {
            var span = header.AsSpan();
            long batch = BinaryPrimitives.ReadInt64BigEndian(span);
            bool hasRoot = header[8] == 1;
            long pointer = BinaryPrimitives.ReadInt64BigEndian(span[9..]);
            long size = BinaryPrimitives.ReadInt64BigEndian(span[17..]);
            int reduction = BinaryPrimitives.ReadInt32BigEndian(span[25..]);
            var root = hasRoot ? new StoredRoot(pointer, size, span.Slice(29, reduction).ToArray()) : null;
            int padding = BinaryPrimitives.ReadInt32BigEndian(span[(29 + reduction)..]);
            if (header.Length != 29 + reduction + 4 + padding) throw new InvalidDataException("header length does not match its contents");
            return (batch, root);
        }
    }
}
