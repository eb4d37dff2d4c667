using System.Text.Json;

namespace CouchJs.Views.Design;

/// <summary>
/// What the view engine reads from a design document (couch_mrview_util:ddoc_to_mrst): its views
/// grouped into trees, the language, <c>options</c> (include_design, local_seq), <c>views.lib</c> and
/// <c>autoupdate</c>, and the signature that names the index file. Immutable; parsed once per revision.
/// </summary>
public sealed class DesignDocument
{
    private readonly Dictionary<string, ViewLookup> _byName;

    private DesignDocument(string id, string rev, string language, DesignOptions options, bool autoUpdate,
        IReadOnlyList<ViewDefinition> views, byte[] lib, byte[] optionsJson)
    {
        Id = id;
        Rev = rev;
        Language = language;
        Options = options;
        AutoUpdate = autoUpdate;
        Views = views;
        Lib = lib;
        _byName = Index(views);
        Signature = ViewSignature.Compute(views, language, optionsJson, lib);
    }

    /// <summary><c>_design/…</c>.</summary>
    public string Id { get; }

    public string Rev { get; }

    public string Language { get; }

    public DesignOptions Options { get; }

    /// <summary><c>autoupdate</c> (default true): build the index in the background after writes.</summary>
    public bool AutoUpdate { get; }

    /// <summary>The view trees, sorted by map source and options (their index file slots).</summary>
    public IReadOnlyList<ViewDefinition> Views { get; }

    /// <summary><c>views.lib</c> as minified JSON (<c>{}</c> when absent), for the query server's require().</summary>
    public byte[] Lib { get; }

    /// <summary>32 lowercase hex: md5 of what the index depends on; the index file's name.</summary>
    public string Signature { get; }

    /// <summary>The design doc's name: its id without <c>_design/</c>.</summary>
    public string Name => Id["_design/".Length..];

    public bool TryFind(string viewName, out ViewLookup lookup) => _byName.TryGetValue(viewName, out lookup);

    /// <summary>Reads a stored design document body (JSON object, members as stored).</summary>
    public static DesignDocument Parse(string id, string rev, ReadOnlyMemory<byte> body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        string language = root.TryGetProperty("language", out var lang) && lang.ValueKind == JsonValueKind.String
            ? lang.GetString()!
            : "javascript";
        bool autoUpdate = !(root.TryGetProperty("autoupdate", out var auto) && auto.ValueKind == JsonValueKind.False);
        byte[] optionsJson = "{}"u8.ToArray();
        var options = DesignOptions.None;
        if (root.TryGetProperty("options", out var opts) && opts.ValueKind == JsonValueKind.Object)
        {
            optionsJson = CanonicalJson.Raw(opts);
            options = new DesignOptions(IsTrue(opts, "include_design"), IsTrue(opts, "local_seq"));
        }
        byte[] lib = "{}"u8.ToArray();
        IReadOnlyList<ViewDefinition> views = [];
        if (root.TryGetProperty("views", out var viewsJson) && viewsJson.ValueKind == JsonValueKind.Object)
        {
            if (viewsJson.TryGetProperty("lib", out var libJson) && libJson.ValueKind == JsonValueKind.Object)
                lib = CanonicalJson.Sorted(libJson);
            views = ViewGrouping.Group(viewsJson);
        }
        return new DesignDocument(id, rev, language, options, autoUpdate, views, lib, optionsJson);
    }

    private static bool IsTrue(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    // couch_mrview_util:set_view_type looks a name up among reduces first, then map-only names.
    private static Dictionary<string, ViewLookup> Index(IReadOnlyList<ViewDefinition> views)
    {
        var byName = new Dictionary<string, ViewLookup>(StringComparer.Ordinal);
        foreach (var view in views)
            foreach (string name in view.MapNames)
                byName.TryAdd(name, new ViewLookup(view, -1));
        foreach (var view in views)
            for (int r = 0; r < view.Reduces.Count; r++)
                byName[view.Reduces[r].Name] = new ViewLookup(view, r);
        return byName;
    }
}

/// <summary>The design doc's <c>options</c> that change what the updater feeds the map functions.</summary>
public sealed record DesignOptions(bool IncludeDesign, bool LocalSeq)
{
    public static readonly DesignOptions None = new(false, false);
}
