using System.Buffers;
using System.Text.Json;
using CouchJs.Database.Json;

namespace CouchJs.Database.Documents;

/// <summary>
/// Parses a document body the way couch_doc:from_json_obj does: special members are taken out and
/// checked in order, every other member goes to the body (compacted; a duplicate member keeps its
/// last value, as CouchDB's decoder does).
/// </summary>
public static class DocParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4096 };

    public static IncomingDoc Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            if (!reader.Read()) throw InvalidJson();
            var doc = ParseObject(ref reader, json);
            if (reader.Read()) throw InvalidJson();
            return doc;
        }
        catch (JsonException)
        {
            throw InvalidJson();
        }
    }

    /// <summary>Parses the document at the reader's current token (a bulk request's array element); leaves the reader on its last token.</summary>
    public static IncomingDoc ParseObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw CouchException.BadRequest("Document must be a JSON object");
        var doc = new IncomingDoc();
        var members = new List<Member>();
        bool revFromRevisions = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int nameStart = (int)reader.TokenStartIndex;
            int nameEnd = nameStart + reader.ValueSpan.Length + 2;
            bool special = reader.ValueIsEscaped ? reader.GetString()!.StartsWith('_') : reader.ValueSpan is [(byte)'_', ..];
            if (special)
            {
                string name = reader.GetString()!;
                reader.Read();
                ReadSpecial(ref reader, json, name, doc, ref revFromRevisions);
                continue;
            }
            reader.Read();
            int valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            members.Add(new Member(nameStart, nameEnd, valueStart, (int)reader.BytesConsumed));
        }
        doc.Body = BuildBody(json, members);
        return doc;
    }

    // Byte ranges of a body member's name (with its quotes) and value in the request.
    private readonly record struct Member(int NameStart, int NameEnd, int ValueStart, int ValueEnd);

    private static void ReadSpecial(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string name, IncomingDoc doc, ref bool revFromRevisions)
    {
        switch (name)
        {
            case "_id":
                if (reader.TokenType != JsonTokenType.String) throw DocIds.Illegal("Document id must be a string");
                doc.Id = reader.GetString()!;
                DocIds.Validate(doc.Id);
                return;
            case "_rev":
                if (revFromRevisions) return;
                if (reader.TokenType != JsonTokenType.String || !Revisions.Rev.TryParse(reader.GetString(), out var rev))
                    throw CouchException.BadRequest("Invalid rev format");
                doc.RevPos = rev.Pos;
                doc.RevHashes = [rev.Hash];
                return;
            case "_revisions" when reader.TokenType == JsonTokenType.StartObject:
                ReadRevisions(ref reader, doc);
                revFromRevisions = true;
                return;
            case "_deleted" when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                doc.Deleted = reader.TokenType == JsonTokenType.True;
                return;
            case "_attachments" when reader.TokenType == JsonTokenType.StartObject:
                doc.Attachments = AttachmentParser.Read(ref reader);
                return;
            case "_revs_info" or "_local_seq" or "_conflicts" or "_deleted_conflicts" or "_access":
                reader.Skip();
                return;
            default:
                throw new CouchException(400, "doc_validation", $"Bad special document member: {name}");
        }
    }

    private static void ReadRevisions(ref Utf8JsonReader reader, IncomingDoc doc)
    {
        long? start = null;
        List<string>? ids = null;
        bool idsNotArray = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string member = reader.GetString()!;
            reader.Read();
            if (member == "start" && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long s)) start = s;
            else if (member == "ids" && reader.TokenType == JsonTokenType.StartArray) ids = ReadRevIds(ref reader);
            else
            {
                if (member == "ids") idsNotArray = true;
                reader.Skip();
            }
        }
        if (start is null) throw new CouchException(400, "doc_validation", "_revisions.start isn't an integer.");
        if (ids is null || idsNotArray) throw new CouchException(400, "doc_validation", "_revisions.ids isn't a array.");
        doc.RevPos = start.Value;
        doc.RevHashes = ids;
    }

    private static List<string> ReadRevIds(ref Utf8JsonReader reader)
    {
        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new CouchException(400, "doc_validation", "RevId isn't a string");
            ids.Add(reader.GetString()!);
        }
        return ids;
    }

    private static byte[] BuildBody(ReadOnlySpan<byte> json, List<Member> members)
    {
        if (members.Count == 0) return "{}"u8.ToArray();
        int capacity = 2 + members.Count * 2;
        foreach (var m in members) capacity += m.NameEnd - m.NameStart + m.ValueEnd - m.ValueStart;
        byte[] rented = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            int n = 0;
            rented[n++] = (byte)'{';
            for (int i = 0; i < members.Count; i++)
            {
                var m = members[i];
                var name = json[m.NameStart..m.NameEnd];
                if (RepeatedLater(json, members, i, name)) continue;
                if (n > 1) rented[n++] = (byte)',';
                name.CopyTo(rented.AsSpan(n));
                n += name.Length;
                rented[n++] = (byte)':';
                n += JsonMinifier.Minify(json[m.ValueStart..m.ValueEnd], rented.AsSpan(n));
            }
            rented[n++] = (byte)'}';
            return rented.AsSpan(0, n).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // A duplicate member keeps its last value, as CouchDB's decoder (jiffy with dedupe_keys) does.
    private static bool RepeatedLater(ReadOnlySpan<byte> json, List<Member> members, int index, ReadOnlySpan<byte> name)
    {
        for (int j = index + 1; j < members.Count; j++)
            if (json[members[j].NameStart..members[j].NameEnd].SequenceEqual(name)) return true;
        return false;
    }

    public static CouchException InvalidJson() => CouchException.BadRequest("invalid UTF-8 JSON");
}
