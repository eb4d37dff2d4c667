namespace CouchJs.Database.Documents;

/// <summary>Document id rules (couch_doc:validate_docid): a bad id is 400 <c>illegal_docid</c>.</summary>
public static class DocIds
{
    public const string DesignPrefix = "_design/";
    public const string LocalPrefix = "_local/";

    public static bool IsDesign(string id) => id.StartsWith(DesignPrefix, StringComparison.Ordinal);

    public static bool IsLocal(string id) => id.StartsWith(LocalPrefix, StringComparison.Ordinal);

    public static void Validate(string id)
    {
        if (id.Length == 0) throw Illegal("Document id must not be empty");
        if (id is DesignPrefix or LocalPrefix) throw Illegal($"Illegal document id `{id}`");
        if (!IsWellFormed(id)) throw Illegal("Document id must be valid UTF-8");
        if (id[0] == '_' && !IsDesign(id) && !IsLocal(id)) throw Illegal("Only reserved document ids may start with underscore.");
    }

    public static CouchException Illegal(string reason) => new(400, "illegal_docid", reason);

    // A lone surrogate cannot be encoded as UTF-8 (the id arrived as invalid UTF-8 or a bad \u escape).
    private static bool IsWellFormed(string id)
    {
        for (int i = 0; i < id.Length; i++)
        {
            if (!char.IsSurrogate(id[i])) continue;
            if (!char.IsHighSurrogate(id[i]) || i + 1 >= id.Length || !char.IsLowSurrogate(id[i + 1])) return false;
            i++;
        }
        return true;
    }
}
