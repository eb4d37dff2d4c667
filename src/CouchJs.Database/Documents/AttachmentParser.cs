using System.Text.Json;

namespace CouchJs.Database.Documents;

/// <summary>Reads a document's <c>_attachments</c> object (couch_att:from_json).</summary>
internal static class AttachmentParser
{
    public static List<IncomingAttachment> Read(ref Utf8JsonReader reader)
    {
        var list = new List<IncomingAttachment>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            list.RemoveAll(a => a.Name == name);
            list.Add(ReadOne(ref reader, name));
        }
        return list;
    }

    private static IncomingAttachment ReadOne(ref Utf8JsonReader reader, string name)
    {
        var att = new IncomingAttachment { Name = name };
        string? data = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string member = reader.GetString()!;
            reader.Read();
            switch (member)
            {
                case "content_type" when reader.TokenType == JsonTokenType.String: att.ContentType = reader.GetString()!; break;
                case "stub": att.Stub = reader.TokenType == JsonTokenType.True; break;
                case "follows": att.Follows = reader.TokenType == JsonTokenType.True; break;
                case "data" when reader.TokenType == JsonTokenType.String: data = reader.GetString(); break;
                case "length" when reader.TokenType == JsonTokenType.Number: att.Length = reader.GetInt64(); break;
                case "digest" when reader.TokenType == JsonTokenType.String: att.Digest = reader.GetString(); break;
                case "revpos" when reader.TokenType == JsonTokenType.Number: att.RevPos = reader.GetInt64(); break;
                case "encoding" when reader.TokenType == JsonTokenType.String: att.Encoding = reader.GetString(); break;
                case "encoded_length" when reader.TokenType == JsonTokenType.Number: att.EncodedLength = reader.GetInt64(); break;
                default: reader.Skip(); break;
            }
        }
        if (!att.Stub && !att.Follows)
        {
            try
            {
                att.Data = Convert.FromBase64String(data ?? "");
            }
            catch (FormatException)
            {
                throw CouchException.BadRequest($"Invalid attachment data for {name}");
            }
            att.Length = att.Data.Length;
        }
        return att;
    }
}
