namespace CouchJs.Views.Updating;

/// <summary>What a change means for the index.</summary>
internal enum PendingKind
{
    /// <summary>A live document to map (its rows replace the old ones).</summary>
    Map,

    /// <summary>Deleted: its old rows go.</summary>
    Remove,

    /// <summary>Not indexed (a design document without <c>include_design</c>): only the seq moves.</summary>
    Skip,
}

/// <summary>One change read from the database's by-seq tree; <see cref="Json"/> is set for <see cref="PendingKind.Map"/>.</summary>
internal readonly record struct PendingDoc(string Id, long Seq, PendingKind Kind, byte[]? Json);

/// <summary>One row a map function emitted: the view slot, key and value (minified JSON, slices of the map output).</summary>
internal readonly record struct MapRow(int View, ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value);

/// <summary>A change with its map output: <see cref="Rows"/> empty removes the document's rows, null leaves it alone.</summary>
internal sealed record MappedDoc(string Id, long Seq, MapRow[]? Rows);
