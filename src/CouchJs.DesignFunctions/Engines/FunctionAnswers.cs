using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Engines;

/// <summary>
/// The shapes couch_query_servers and chttpd_show match query-server answers against. An answer of
/// another shape is a 500 (CouchDB's badmatch), never a guess.
/// </summary>
internal static class FunctionAnswers
{
    /// <summary><c>["resp", {…}]</c> of a show.</summary>
    public static JsonElement Resp(byte[] answer)
    {
        var root = Parse(answer);
        return IsTagged(root, "resp", 2) && root[1].ValueKind == JsonValueKind.Object ? root[1] : throw BadAnswer(answer);
    }

    /// <summary><c>["up", doc, {…}]</c> of an update: the document to save (an object) or null, and the response.</summary>
    public static (JsonElement? Doc, JsonElement Response) Up(byte[] answer)
    {
        var root = Parse(answer);
        if (!IsTagged(root, "up", 3) || root[2].ValueKind != JsonValueKind.Object) throw BadAnswer(answer);
        return (root[1].ValueKind == JsonValueKind.Object ? root[1] : null, root[2]);
    }

    /// <summary><c>[true, [passes…]]</c> of a filter or a view used as one, a verdict per document (truthy as JavaScript says).</summary>
    public static bool[] Passes(byte[] answer, int count)
    {
        var root = Parse(answer);
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2 || root[0].ValueKind != JsonValueKind.True
            || root[1].ValueKind != JsonValueKind.Array || root[1].GetArrayLength() != count)
            throw BadAnswer(answer);
        var passes = new bool[count];
        int i = 0;
        foreach (var pass in root[1].EnumerateArray()) passes[i++] = pass.ValueKind == JsonValueKind.True;
        return passes;
    }

    /// <summary>Throws the error an <c>["error", name, reason]</c> answer (which raw commands return as is) stands for.</summary>
    public static JsonElement ThrowIfError(byte[] answer)
    {
        var root = Parse(answer);
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() >= 2 && root[0].ValueKind == JsonValueKind.String && root[0].GetString() == "error")
            throw new QueryServerException(Text(root[1]), root.GetArrayLength() > 2 ? Text(root[2]) : Text(root[1]));
        return root;
    }

    public static bool IsTagged(JsonElement root, string tag, int length) =>
        root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == length && root[0].ValueKind == JsonValueKind.String && root[0].GetString() == tag;

    public static CouchException BadAnswer(byte[] answer) =>
        new(500, "unknown_error", "bad query server answer: " + Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 200))));

    // Answers are small and read once: a cloned element outlives the parse.
    private static JsonElement Parse(byte[] answer)
    {
        using var doc = JsonDocument.Parse(answer, new JsonDocumentOptions { MaxDepth = 4096 });
        return doc.RootElement.Clone();
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
