using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CouchJs.Http.Queries;

// couch_mrview_http:parse_param: each parameter in the order sent, so a later one wins
// (key=a&startkey=b starts at b, startkey=b&key=a starts at a). Unknown parameters are ignored.
public sealed partial class ViewQueryOptions
{
    // A non-array `keys` is only reported by validation, as CouchDB does.
    private bool _keysNotArray;

    // `conflicts` given at all (even false) is an error on a reduce.
    private bool _conflictsGiven;

    /// <summary>Applies every query-string parameter, in order.</summary>
    public void ApplyQueryString(QueryString query)
    {
        foreach (var pair in new QueryStringEnumerable(query.Value))
            Apply(pair.DecodeName().ToString(), QueryParam.FromText(pair.DecodeValue().ToString()));
    }

    /// <summary>Applies the members of a JSON object (a POST body, or one query of a <c>queries</c> request).</summary>
    public void ApplyJson(JsonElement parameters)
    {
        foreach (var member in parameters.EnumerateObject()) Apply(member.Name, QueryParam.FromJson(member.Value));
    }

    private void Apply(string name, QueryParam value)
    {
        switch (name)
        {
            case "key":
                StartKey = EndKey = value.ToJson();
                break;
            case "keys":
                SetKeys(value.ToJson());
                break;
            case "startkey" or "start_key":
                StartKey = value.ToJson();
                break;
            case "endkey" or "end_key":
                EndKey = value.ToJson();
                break;
            case "startkey_docid" or "start_key_doc_id":
                StartKeyDocId = value.ToText();
                break;
            case "endkey_docid" or "end_key_doc_id":
                EndKeyDocId = value.ToText();
                break;
            case "limit":
                Limit = value.ToNonNegative();
                break;
            case "skip":
                Skip = value.ToNonNegative();
                break;
            case "descending":
                Descending = value.ToBool();
                break;
            case "inclusive_end":
                InclusiveEnd = value.ToBool();
                break;
            case "include_docs":
                IncludeDocs = value.ToBool();
                break;
            case "conflicts":
                Conflicts = value.ToBool();
                _conflictsGiven = true;
                break;
            case "update_seq":
                UpdateSeq = value.ToBool();
                break;
            case "sorted":
                Sorted = value.ToBool();
                break;
            // CouchDB only ever adds these document options: a later false does not remove them.
            case "attachments":
                Attachments |= value.ToBool();
                break;
            case "att_encoding_info":
                AttEncodingInfo |= value.ToBool();
                break;
            case "reduce":
                Reduce = value.ToBool();
                break;
            case "group":
                Group = value.ToBool();
                break;
            case "group_level":
                GroupLevel = value.ToNonNegative();
                break;
            case "stale":
                ApplyStale(value);
                break;
            case "stable":
                Stable = value.Is("true") || (value.Is("false") ? false : throw QueryParam.Error("Invalid value for `stable`."));
                break;
            case "update":
                Update = value.Is("true") ? "true" : value.Is("false") ? "false" : value.Is("lazy") ? "lazy"
                    : throw QueryParam.Error("Invalid value for `update`.");
                break;
            case "partition":
                Partition = value.ToText();
                break;
        }
    }

    private void SetKeys(JsonElement keys)
    {
        // Views read a one-element `keys` as `key` (CouchDB 3.3+, PR #4494), so a reduce takes it ungrouped.
        if (SingleKeysAsKey && keys.ValueKind == JsonValueKind.Array && keys.GetArrayLength() == 1)
        {
            StartKey = EndKey = keys[0];
            return;
        }
        _keysNotArray = keys.ValueKind != JsonValueKind.Array;
        Keys = _keysNotArray ? null : [.. keys.EnumerateArray()];
    }

    private void ApplyStale(QueryParam value)
    {
        if (value.Is("ok")) Update = "false";
        else if (value.Is("update_after")) Update = "lazy";
        else throw QueryParam.Error("Invalid value for `stale`.");
        Stable = true;
    }
}
