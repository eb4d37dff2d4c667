using CouchJs.Storage.BTrees;
using CouchJs.Storage.Encoding;

namespace CouchJs.Storage.Database;

/// <summary>The trees a database file keeps (couch_bt_engine_header's tree states).</summary>
public enum DbTree
{
    /// <summary>doc id → update seq, deleted flag, sizes, revision tree with body pointers.</summary>
    ById = 0,

    /// <summary>update seq → doc id and the summary replication reads.</summary>
    BySeq = 1,

    /// <summary><c>_local/…</c> id → rev and body; not replicated, not in the changes feed.</summary>
    Local = 2,

    /// <summary>purge uuid → purge info.</summary>
    Purge = 3,

    /// <summary>purge seq → purge uuid.</summary>
    PurgeSeq = 4,
}

/// <summary>One period of a database's life on a node: the node's name and the seq it started at.</summary>
public sealed record Epoch(string Node, long Seq);

/// <summary>
/// The database header: everything a commit makes durable in one block-aligned record. Every field
/// is named; the encoding appends new fields at the end so older headers still decode.
/// </summary>
public sealed record DbHeader
{
    public const int CurrentDiskVersion = 1;
    public const int DefaultRevsLimit = 1000;
    public const int DefaultPurgeInfosLimit = 1000;
    public const long NoPointer = -1;

    private static readonly int TreeCount = Enum.GetValues<DbTree>().Length;

    private StoredRoot?[] _roots = new StoredRoot?[TreeCount];

    public int DiskVersion { get; init; } = CurrentDiskVersion;

    public long UpdateSeq { get; init; }

    public long PurgeSeq { get; init; }

    /// <summary>Position of the security object chunk, or <see cref="NoPointer"/>.</summary>
    public long SecurityPointer { get; init; } = NoPointer;

    /// <summary>Position of the database properties chunk (e.g. partitioned), or <see cref="NoPointer"/>.</summary>
    public long PropsPointer { get; init; } = NoPointer;

    public int RevsLimit { get; init; } = DefaultRevsLimit;

    public int PurgeInfosLimit { get; init; } = DefaultPurgeInfosLimit;

    /// <summary>32 lowercase hex characters, fixed at creation; compaction keeps it.</summary>
    public string Uuid { get; init; } = "";

    public IReadOnlyList<Epoch> Epochs { get; init; } = [];

    /// <summary>The update seq the last compaction copied up to.</summary>
    public long CompactedSeq { get; init; }

    /// <summary>Database creation time in microseconds since the epoch (CouchDB's instance_start_time).</summary>
    public long CreatedMicros { get; init; }

    /// <summary>Set only in a compaction target (<c>.compact.data</c>): how far the copy got.</summary>
    public CompactionCheckpoint? Checkpoint { get; init; }

    public StoredRoot? Root(DbTree tree) => _roots[(int)tree];

    public DbHeader WithRoot(DbTree tree, StoredRoot? root)
    {
        var roots = (StoredRoot?[])_roots.Clone();
        roots[(int)tree] = root;
        return this with { _roots = roots };
    }

    public static DbHeader New(string uuid, string node, long createdMicros) =>
        new() { Uuid = uuid, Epochs = [new Epoch(node, 0)], CreatedMicros = createdMicros };

    public byte[] Encode()
    {
        var w = new BufferWriter(256);
        w.WriteVarUInt((ulong)DiskVersion);
        w.WriteVarInt(UpdateSeq);
        w.WriteVarInt(PurgeSeq);
        w.WriteVarInt(SecurityPointer);
        w.WriteVarInt(PropsPointer);
        w.WriteVarInt(RevsLimit);
        w.WriteVarInt(PurgeInfosLimit);
        w.WriteString(Uuid);
        w.WriteVarUInt((ulong)Epochs.Count);
        foreach (var e in Epochs)
        {
            w.WriteString(e.Node);
            w.WriteVarInt(e.Seq);
        }
        w.WriteVarInt(CompactedSeq);
        w.WriteVarInt(CreatedMicros);
        w.WriteVarUInt((ulong)_roots.Length);
        foreach (var root in _roots) StoredRoot.Write(w, root);
        w.WriteByte(Checkpoint is null ? (byte)0 : (byte)1);
        Checkpoint?.Write(w);
        return w.ToArray();
    }

    public static DbHeader Decode(byte[] bytes)
    {
        var r = new BufferReader(bytes);
        int version = (int)r.ReadVarUInt();
        if (version > CurrentDiskVersion)
            throw new InvalidDataException($"database file has disk version {version}; this CouchJs reads up to {CurrentDiskVersion}: upgrade CouchJs");
        var header = new DbHeader
        {
            DiskVersion = version,
            UpdateSeq = r.ReadVarInt(),
            PurgeSeq = r.ReadVarInt(),
            SecurityPointer = r.ReadVarInt(),
            PropsPointer = r.ReadVarInt(),
            RevsLimit = (int)r.ReadVarInt(),
            PurgeInfosLimit = (int)r.ReadVarInt(),
            Uuid = r.ReadString(),
            Epochs = ReadEpochs(ref r),
            CompactedSeq = r.ReadVarInt(),
            CreatedMicros = r.ReadVarInt(),
        };
        int roots = (int)r.ReadVarUInt();
        for (int i = 0; i < roots; i++)
        {
            var root = StoredRoot.Read(ref r);
            if (i < TreeCount) header._roots[i] = root;
        }
        if (r.ReadByte() == 1) header = header with { Checkpoint = CompactionCheckpoint.Read(ref r) };
        return header;
    }

    private static List<Epoch> ReadEpochs(ref BufferReader r)
    {
        int n = (int)r.ReadVarUInt();
        var epochs = new List<Epoch>(n);
        for (int i = 0; i < n; i++) epochs.Add(new Epoch(r.ReadString(), r.ReadVarInt()));
        return epochs;
    }
}

/// <summary>
/// Progress of a compaction, kept in the target's header so a crashed compaction resumes: the source
/// header being copied (its trees stay readable in the append-only source), the tree being copied and
/// the last key copied from it.
/// </summary>
public sealed record CompactionCheckpoint(byte[] SourceHeader, int Tree, byte[]? LastKey)
{
    internal void Write(BufferWriter w)
    {
        w.WriteLengthPrefixed(SourceHeader);
        w.WriteVarUInt((ulong)Tree);
        w.WriteByte(LastKey is null ? (byte)0 : (byte)1);
        if (LastKey is not null) w.WriteLengthPrefixed(LastKey);
    }

    internal static CompactionCheckpoint Read(ref BufferReader r)
    {
        var source = r.ReadLengthPrefixed().ToArray();
        int tree = (int)r.ReadVarUInt();
        byte[]? last = r.ReadByte() == 1 ? r.ReadLengthPrefixed().ToArray() : null;
        return new CompactionCheckpoint(source, tree, last);
    }
}
