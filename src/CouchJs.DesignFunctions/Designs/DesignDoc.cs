using System.Text.Json;
using CouchJs.Database;

namespace CouchJs.DesignFunctions.Designs;

/// <summary>
/// A design document as its functions run: the JSON a query server caches (<c>["ddoc", "new", id,
/// ddoc]</c>, couch_doc:to_json_obj without options: <c>_id</c>, <c>_rev</c>, the body, attachment
/// stubs), its language, and its members for CouchDB's existence checks. Immutable; one per revision.
/// </summary>
public sealed class DesignDoc
{
    private readonly JsonElement _root;

    public DesignDoc(string id, string rev, byte[] json)
    {
        Id = id;
        Rev = rev;
        Json = json;
        using var doc = JsonDocument.Parse(json);
        _root = doc.RootElement.Clone();
        Language = _root.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String
            ? language.GetString()!
            : "javascript";
        // couch_doc:get_validate_doc_fun: any validate_doc_update member makes a validator.
        HasValidator = _root.TryGetProperty("validate_doc_update", out _);
        LoadTag = id + "@" + rev;
    }

    /// <summary><c>_design/…</c>.</summary>
    public string Id { get; }

    public string Rev { get; }

    /// <summary>The JSON sent with <c>ddoc new</c>.</summary>
    public byte[] Json { get; }

    /// <summary><c>language</c>, <c>javascript</c> when absent.</summary>
    public string Language { get; }

    public bool HasValidator { get; }

    /// <summary>Names this revision in a query server's cache of design docs.</summary>
    public string LoadTag { get; }

    /// <summary>The design doc's top-level member <paramref name="name"/>, if any.</summary>
    public JsonElement? Member(string name) => _root.TryGetProperty(name, out var value) ? value : null;

    /// <summary>
    /// couch_util:get_nested_json_value on the body: every key of <paramref name="path"/> must be there
    /// (404 <c>missing json key: K</c>), each step an object (404 <c>json_mismatch</c>).
    /// </summary>
    public JsonElement Require(params ReadOnlySpan<string> path)
    {
        var value = _root;
        foreach (string key in path)
        {
            if (value.ValueKind != JsonValueKind.Object) throw CouchException.NotFound("json_mismatch");
            if (!value.TryGetProperty(key, out value)) throw CouchException.NotFound("missing json key: " + key);
        }
        return value;
    }
}
