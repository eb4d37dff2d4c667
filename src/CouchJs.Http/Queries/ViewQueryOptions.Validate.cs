namespace CouchJs.Http.Queries;

// couch_mrview_util:validate_args, checks in CouchDB's order. A view query is a reduce when the view
// has a reduce and reduce=false is not given; _all_docs is a map view.
public sealed partial class ViewQueryOptions
{
    public void ValidateMap()
    {
        ValidateArgs(reduce: false);
        if (Partition == "") throw QueryParam.Error("Invalid value for `partition`.");
    }

    /// <summary>A design doc view's checks; <paramref name="reduce"/> when the query reduces.</summary>
    public void ValidateView(bool reduce)
    {
        ValidateArgs(reduce);
        if (Partition is not null) throw QueryParam.Error("`partition` parameter is not supported in this design doc");
    }

    /// <summary>couch_mrview_util:determine_group_level: 0, a level, or <see cref="ExactGroup"/> (group=true).</summary>
    public long EffectiveGroupLevel => GroupLevel ?? (Group == true ? ExactGroup : 0);

    /// <summary>The group level of group=true.</summary>
    public const long ExactGroup = -1;

    private void ValidateArgs(bool reduce)
    {
        if (Group == false && GroupLevel > 0)
            throw QueryParam.Error("Can't specify group=false and group_level>0 at the same time");
        if (!reduce && Reduce == true) throw QueryParam.Error("Reduce is invalid for map-only views.");
        if (reduce && Keys is not null && EffectiveGroupLevel != ExactGroup)
            throw QueryParam.Error("Multi-key fetches for reduce views must use `group=true`");
        if (_keysNotArray) throw QueryParam.Error("`keys` must be an array of strings.");
        if (Keys is { Count: > 0 } && (StartKey is not null || EndKey is not null))
            throw QueryParam.Error("`keys` is incompatible with `key`, `start_key` and `end_key`");
        if (!reduce && EffectiveGroupLevel != 0) throw QueryParam.Error("Invalid use of grouping on a map view.");
        if (reduce && IncludeDocs) throw QueryParam.Error("`include_docs` is invalid for reduce");
        if (reduce && _conflictsGiven) throw QueryParam.Error("`conflicts` is invalid for reduce views.");
    }
}
