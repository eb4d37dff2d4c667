namespace CouchJs.Views.Collation;

/// <summary><see cref="ViewCollation"/> as comparers of encoded keys, for B+trees and sorting.</summary>
public sealed class JsonKeyComparer : IComparer<ReadOnlyMemory<byte>>, IComparer<byte[]>
{
    /// <summary>CouchDB's view collation (<see cref="ViewCollation.Compare(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>).</summary>
    public static readonly JsonKeyComparer Unicode = new(raw: false);

    /// <summary>Raw collation (<see cref="ViewCollation.CompareRaw"/>).</summary>
    public static readonly JsonKeyComparer Raw = new(raw: true);

    private JsonKeyComparer(bool raw) => IsRaw = raw;

    public bool IsRaw { get; }

    public int Compare(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => ViewCollation.Compare(x, y, IsRaw);

    public int Compare(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => Compare(x.Span, y.Span);

    public int Compare(byte[]? x, byte[]? y) => Compare(x.AsSpan(), y.AsSpan());
}
