using System.Globalization;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;

namespace CouchJs.Http.Endpoints;

// One row each: {"id","key","value":{"rev"[,"deleted"]}[,"doc"]}, or {"key","error":"not_found"}.
public static partial class AllDocsEndpoints
{
    /// <summary>A document's row; <paramref name="doc"/> set when the row carries the winning revision (null for a deleted one).</summary>
    private static void WriteDocRow(Utf8JsonWriter w, DbReader reader, DocInfo info, DocRenderOptions? doc)
    {
        var winner = info.Winner;
        bool deleted = info.Deleted;
        w.WriteStartObject();
        w.WriteString("id", info.Id);
        w.WriteString("key", info.Id);
        w.WriteStartObject("value");
        w.WriteString("rev", winner.Rev.ToString());
        if (deleted) w.WriteBoolean("deleted", true);
        w.WriteEndObject();
        if (doc is not null)
        {
            w.WritePropertyName("doc");
            if (deleted) w.WriteNullValue();
            else w.WriteRawValue(DocJsonWriter.Render(reader, info, winner, doc), skipInputValidation: true);
        }
        w.WriteEndObject();
    }

    private static void WriteLocalRow(Utf8JsonWriter w, LocalDoc local, bool includeDoc)
    {
        string rev = "0-" + local.Rev.ToString(CultureInfo.InvariantCulture);
        w.WriteStartObject();
        w.WriteString("id", local.Id);
        w.WriteString("key", local.Id);
        w.WriteStartObject("value");
        w.WriteString("rev", rev);
        w.WriteEndObject();
        if (includeDoc)
        {
            w.WritePropertyName("doc");
            w.WriteRawValue(LocalDocEndpoints.Render(local.Id, rev, local.Body), skipInputValidation: true);
        }
        w.WriteEndObject();
    }

    private static void WriteNotFoundRow(Utf8JsonWriter w, JsonElement key)
    {
        w.WriteStartObject();
        w.WritePropertyName("key");
        key.WriteTo(w);
        w.WriteString("error", "not_found");
        w.WriteEndObject();
    }
}
