using System.Security.Cryptography;
using System.Text;
using CouchJs.Database.Attachments;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Tests.AttachmentStreaming;

/// <summary>What the attachment tests repeat: streaming an upload in pieces, reading a stored attachment back.</summary>
internal static class UploadKit
{
    public static IncomingDoc Doc(string json) => DocParser.Parse(Encoding.UTF8.GetBytes(json));

    public static string Digest(byte[] data) => "md5-" + Convert.ToBase64String(MD5.HashData(data));

    /// <summary>Writes <paramref name="data"/> in pieces of <paramref name="piece"/> bytes, completes and commits it.</summary>
    public static async Task<Rev> Put(CouchDatabase db, string docId, Rev? rev, string name, string type, byte[] data, int piece = 1000)
    {
        using var upload = db.BeginAttachment(name, type);
        Write(upload, data, piece);
        upload.Complete();
        return await db.PutAttachment(docId, rev, upload);
    }

    public static void Write(AttachmentUpload upload, ReadOnlySpan<byte> data, int piece = 1000)
    {
        for (int offset = 0; offset < data.Length; offset += piece) upload.Write(data.Slice(offset, Math.Min(piece, data.Length - offset)));
    }

    /// <summary>The winner's attachments, in stored order.</summary>
    public static AttachmentInfo[] Stored(CouchDatabase db, string docId)
    {
        using var reader = db.OpenReader();
        return reader.Get(docId)!.Winner.Value!.Attachments;
    }

    /// <summary>The identity bytes of the winner's attachment <paramref name="name"/>.</summary>
    public static byte[] Read(CouchDatabase db, string docId, string name)
    {
        using var reader = db.OpenReader();
        var att = reader.Get(docId)!.Winner.Value!.Attachments.Single(a => a.Name == name);
        using var data = AttachmentStore.OpenIdentity(reader.File, att);
        var copy = new MemoryStream();
        data.CopyTo(copy);
        return copy.ToArray();
    }

    public static string Body(CouchDatabase db, string docId)
    {
        using var reader = db.OpenReader();
        return Encoding.UTF8.GetString(reader.ReadBody(reader.Get(docId)!.Winner.Value!));
    }

    /// <summary>Text that gzip shrinks a lot.</summary>
    public static byte[] Text(int length)
    {
        var text = new StringBuilder(length + 64);
        for (int i = 0; text.Length < length; i++) text.Append("line ").Append(i % 97).Append(" of some compressible text\n");
        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    public static byte[] Random(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
