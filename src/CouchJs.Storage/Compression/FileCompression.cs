namespace CouchJs.Storage.Compression;

/// <summary>The codec a chunk was written with; its value is the tag byte stored in front of the payload.</summary>
public enum CompressionMethod : byte
{
    None = 0,
    Snappy = 1,
    Deflate = 2,
    Zstd = 3,
}

/// <summary>
/// The <c>[couchdb] file_compression</c> setting: none | snappy | deflate_1..9 | zstd_1..19.
/// Only new chunks follow it; each chunk records its own method, so old files stay readable.
/// </summary>
public readonly record struct FileCompression(CompressionMethod Method, int Level)
{
    public static readonly FileCompression None = new(CompressionMethod.None, 0);
    public static readonly FileCompression Snappy = new(CompressionMethod.Snappy, 0);

    public static FileCompression Parse(string setting)
    {
        string s = setting.Trim().ToLowerInvariant();
        if (s == "none") return None;
        if (s == "snappy") return Snappy;
        if (TryLevel(s, "deflate_", 1, 9, out int d)) return new(CompressionMethod.Deflate, d);
        if (TryLevel(s, "zstd_", 1, 19, out int z)) return new(CompressionMethod.Zstd, z);
        throw new ArgumentException(
            $"Invalid file_compression '{setting}': use none, snappy, deflate_1..deflate_9 or zstd_1..zstd_19.", nameof(setting));
    }

    public override string ToString() => Method switch
    {
        CompressionMethod.None => "none",
        CompressionMethod.Snappy => "snappy",
        CompressionMethod.Deflate => $"deflate_{Level}",
        _ => $"zstd_{Level}",
    };

    private static bool TryLevel(string s, string prefix, int min, int max, out int level)
    {
        level = 0;
        return s.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(s.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, null, out level)
            && level >= min && level <= max;
    }
}
