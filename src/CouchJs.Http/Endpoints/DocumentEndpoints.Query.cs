using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Revisions;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// A document request's parameters as chttpd_db:parse_doc_query reads them: a flag is set only by the
/// value <c>true</c> (any other value is ignored, not refused), <c>meta</c> sets revs_info, conflicts and
/// deleted_conflicts, <c>rev</c> must parse, and <c>open_revs</c>/<c>atts_since</c> are JSON arrays of revs.
/// </summary>
internal sealed class DocQuery
{
    public Rev? Rev { get; private set; }

    public bool OpenAll { get; private set; }

    /// <summary>The revs of <c>open_revs=[…]</c>; null when not asked (an empty list asks nothing, as in CouchDB).</summary>
    public IReadOnlyList<Rev>? OpenRevs { get; private set; }

    public bool AsksOpenRevs => OpenAll || OpenRevs is { Count: > 0 };

    public IReadOnlyList<Rev>? AttsSince { get; private set; }

    public bool Revs { get; private set; }

    public bool RevsInfo { get; private set; }

    public bool Conflicts { get; private set; }

    public bool DeletedConflicts { get; private set; }

    public bool LocalSeq { get; private set; }

    public bool Attachments { get; private set; }

    public bool AttEncodingInfo { get; private set; }

    public bool Latest { get; private set; }

    /// <summary><c>deleted=true</c>: a deleted winner is returned instead of 404 <c>deleted</c>.</summary>
    public bool Deleted { get; private set; }

    public bool NewEdits { get; private set; } = true;

    public static DocQuery Parse(CouchRequest r)
    {
        var query = new DocQuery();
        foreach (var (name, values) in r.Http.Query)
            foreach (string? value in values) query.Apply(name, value ?? "");
        return query;
    }

    /// <summary>Rendering of the winner: meta fields (revs_info, conflicts, local_seq) only exist here; atts_since implies attachments.</summary>
    public DocRenderOptions WinnerOptions => RevOptions with
    {
        RevsInfo = RevsInfo,
        Conflicts = Conflicts,
        DeletedConflicts = DeletedConflicts,
        LocalSeq = LocalSeq,
    };

    /// <summary>Rendering of a revision opened by <c>rev</c> (couch_db:open_doc_revs adds no meta fields).</summary>
    public DocRenderOptions RevOptions => new()
    {
        Revs = Revs,
        Attachments = Attachments || AttsSince is not null,
        AttEncodingInfo = AttEncodingInfo,
        AttsSince = AttsSince,
    };

    /// <summary>Rendering of open_revs results: no meta fields and no atts_since, as chttpd passes neither.</summary>
    public DocRenderOptions OpenRevsOptions => new() { Revs = Revs, Attachments = Attachments, AttEncodingInfo = AttEncodingInfo };

    private void Apply(string name, string value)
    {
        bool on = value == "true";
        switch (name)
        {
            case "attachments": Attachments |= on; break;
            case "meta":
                RevsInfo |= on;
                Conflicts |= on;
                DeletedConflicts |= on;
                break;
            case "revs": Revs |= on; break;
            case "local_seq": LocalSeq |= on; break;
            case "revs_info": RevsInfo |= on; break;
            case "conflicts": Conflicts |= on; break;
            case "deleted": Deleted |= on; break;
            case "deleted_conflicts": DeletedConflicts |= on; break;
            case "latest": Latest |= on; break;
            case "att_encoding_info": AttEncodingInfo |= on; break;
            case "rev": Rev = DocumentEndpoints.ParseRev(value); break;
            case "open_revs" when value == "all":
                OpenAll = true;
                OpenRevs = null;
                break;
            case "open_revs":
                OpenAll = false;
                OpenRevs = ParseRevList(value);
                break;
            case "atts_since": AttsSince = ParseRevList(value); break;
            case "new_edits" when value is "true" or "false": NewEdits = value == "true"; break;
        }
    }

    // couch_doc:parse_revs over a JSON value: an array of rev strings.
    private static List<Rev> ParseRevList(string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw DocParser.InvalidJson();
        }
        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Array) throw CouchException.BadRequest("Invalid list of revisions");
            var revs = new List<Rev>(parsed.RootElement.GetArrayLength());
            foreach (var item in parsed.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) throw CouchException.BadRequest("Invalid rev format");
                revs.Add(DocumentEndpoints.ParseRev(item.GetString()!));
            }
            return revs;
        }
    }
}
