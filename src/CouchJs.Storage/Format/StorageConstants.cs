namespace CouchJs.Storage.Format;

/// <summary>Every magic number of the file format, named (layout after couch_file / couch_btree).</summary>
public static class StorageConstants
{
    /// <summary>Files are cut into blocks; the first byte of each block is a marker.</summary>
    public const int BlockSize = 4096;

    /// <summary>Marker byte at a block start: the block continues data.</summary>
    public const byte DataBlockMarker = 0;

    /// <summary>Marker byte at a block start: a header starts here.</summary>
    public const byte HeaderBlockMarker = 1;

    /// <summary>Bytes of the checksum stored before every chunk and header (XXH3-128, as CouchDB 3.4).</summary>
    public const int ChecksumSize = 16;

    /// <summary>Chunk prefix: a 32-bit big-endian word, top bit = checksummed, low 31 bits = length.</summary>
    public const int ChunkLengthSize = 4;

    /// <summary>Length prefix + checksum that precede every chunk payload.</summary>
    public const int ChunkPrefixSize = ChunkLengthSize + ChecksumSize;

    /// <summary>Top bit of the chunk length word: the chunk carries a checksum.</summary>
    public const uint ChecksummedFlag = 0x8000_0000u;

    /// <summary>Largest chunk payload the 31-bit length can describe.</summary>
    public const int MaxChunkLength = int.MaxValue;

    /// <summary>Header prefix after the marker byte: 32-bit big-endian size, then the checksum.</summary>
    public const int HeaderPrefixSize = 4 + ChecksumSize;


    /// <summary>Uncompressed size at which a B+tree node is split (couch_btree's btree_chunk_size).</summary>
    public const int BtreeChunkSize = 1279;

    /// <summary>
    /// Formerly the size of a chunk's speculative first read. Chunks are now read exactly (prefix,
    /// then payload) from the read mapping; kept only because it is public.
    /// </summary>
    public const int ChunkReadGuess = 2048;

    /// <summary>Appends are gathered in memory up to this size before one write to the device.</summary>
    public const int WriteBufferSize = 1 << 20;

    /// <summary>Node type tags: first byte of every B+tree node payload.</summary>
    public const byte KvNodeTag = 0;
    public const byte KpNodeTag = 1;
}
