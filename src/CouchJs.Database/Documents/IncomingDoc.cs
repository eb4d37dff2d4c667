namespace CouchJs.Database.Documents;

/// <summary>
/// A document as a client sent it, split like couch_doc:from_json_obj: the special members, and the
/// body (every other member) as compact JSON.
/// </summary>
public sealed class IncomingDoc
{
    public string? Id { get; set; }

    /// <summary>The edit's revision path, newest first: from <c>_revisions</c>, or just <c>_rev</c>.</summary>
    public long RevPos { get; set; }

    public List<string> RevHashes { get; set; } = [];

    public bool HasRev => RevHashes.Count > 0;

    public bool Deleted { get; set; }

    /// <summary>Compact JSON object of the non-special members.</summary>
    public byte[] Body { get; set; } = "{}"u8.ToArray();

    /// <summary>Null when the document had no <c>_attachments</c> member.</summary>
    public List<IncomingAttachment>? Attachments { get; set; }
}

/// <summary>One member of <c>_attachments</c>: inline data, a stub of a stored attachment, or data that follows in a multipart body.</summary>
public sealed class IncomingAttachment
{
    public required string Name { get; init; }

    public string ContentType { get; set; } = "application/octet-stream";

    public bool Stub { get; set; }

    public bool Follows { get; set; }

    /// <summary>Decoded bytes of inline data (or set later from a multipart part).</summary>
    public byte[]? Data { get; set; }

    public long? Length { get; set; }

    public string? Digest { get; set; }

    public long? RevPos { get; set; }

    public string? Encoding { get; set; }

    public long? EncodedLength { get; set; }

    /// <summary>Data streamed into the database file as it arrived (a multipart part); its revpos is the new revision's.</summary>
    public Attachments.AttachmentUpload? Upload { get; set; }

    /// <summary>An attachment already stored in this database, carried to another document as is (COPY keeps its data and revpos).</summary>
    public Model.AttachmentInfo? Stored { get; init; }

    /// <summary>
    /// The file <see cref="Stored"/>'s chunks are in, kept open (a snapshot) until the write is done:
    /// if compaction swapped files meanwhile, the chunks are copied into the current one.
    /// </summary>
    public Storage.Files.CouchFile? StoredIn { get; init; }
}
