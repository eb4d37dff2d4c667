using System.Text.Json;
using CouchJs.Database;

namespace CouchJs.Views.Engine;

// couch_mrview_index:verify_index_exists: a purge checkpoint holds purge infos back only while its
// design document exists and still has the signature the checkpoint names.
public sealed partial class ViewEngine
{
    private bool IsPurgeClient(CouchDatabase db, JsonElement checkpoint)
    {
        try
        {
            if (!checkpoint.TryGetProperty("type", out var type) || type.GetString() != "mrview") return false;
            if (!checkpoint.TryGetProperty("ddoc_id", out var ddocId) || ddocId.ValueKind != JsonValueKind.String) return false;
            return Lookup(db, ddocId.GetString()!).Doc is { } design
                && checkpoint.TryGetProperty("signature", out var signature) && signature.ValueEquals(design.Signature);
        }
        catch (Exception e) when (e is CouchException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
