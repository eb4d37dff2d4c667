namespace CouchJs.QueryServers;

/// <summary>
/// validate_doc_update's arguments for many edits of one database: each edit's newDoc and oldDoc
/// (null for none) as UTF-8 JSON, and the userCtx and secObj every one of them gets.
/// </summary>
public sealed record DocValidations(IReadOnlyList<EditedDoc> Edits, byte[] UserCtx, byte[] SecObj)
{
    /// <summary>The arguments of one edit as one JSON array: <c>[newDoc, oldDoc, userCtx, secObj]</c>.</summary>
    public byte[] Args(int index)
    {
        var (newDoc, oldDoc) = Edits[index];
        var old = oldDoc ?? "null"u8.ToArray();
        var args = new byte[newDoc.Length + old.Length + UserCtx.Length + SecObj.Length + 5];
        int at = 0;
        foreach (var part in (ReadOnlySpan<ReadOnlyMemory<byte>>)[newDoc, old, UserCtx, SecObj])
        {
            args[at] = at == 0 ? (byte)'[' : (byte)',';
            part.Span.CopyTo(args.AsSpan(at + 1));
            at += part.Length + 1;
        }
        args[at] = (byte)']';
        return args;
    }
}

/// <summary>
/// One edit to validate: the document it makes, and the revision it replaces (null for none; a null
/// <c>byte[]</c> would convert to an empty memory, not to null).
/// </summary>
public readonly record struct EditedDoc(ReadOnlyMemory<byte> NewDoc, ReadOnlyMemory<byte>? OldDoc);
