namespace CouchJs.Http.Queries;

// couch_mrview_util:validate_args for a map view (which _all_docs is), checks in CouchDB's order.
public sealed partial class ViewQueryOptions
{
    public void ValidateMap()
    {
        if (Group == false && GroupLevel > 0)
            throw QueryParam.Error("Can't specify group=false and group_level>0 at the same time");
        bool grouping = (Group == true && GroupLevel is null) || GroupLevel > 0;
        if (Reduce == true) throw QueryParam.Error("Reduce is invalid for map-only views.");
        if (_keysNotArray) throw QueryParam.Error("`keys` must be an array of strings.");
        if (Keys is { Count: > 0 } && (StartKey is not null || EndKey is not null))
            throw QueryParam.Error("`keys` is incompatible with `key`, `start_key` and `end_key`");
        if (grouping) throw QueryParam.Error("Invalid use of grouping on a map view.");
        if (Partition == "") throw QueryParam.Error("Invalid value for `partition`.");
    }
}
