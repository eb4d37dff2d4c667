using System.Text;
using CouchJs.Http.Responses;

namespace CouchJs.Http.DesignFunctions;

/// <summary>
/// ETags of shows and lists (chttpd_show:show_etag, couch_mrview_show's list etag): an md5 over what
/// the rendering depends on — the design doc's rev, the document's or the view's state, the Accept
/// header and the user (name and roles) — so a cache revalidates when any of them changes.
/// </summary>
internal static class FunctionETag
{
    public static string Of(CouchRequest r, params ReadOnlySpan<string?> parts)
    {
        var text = new StringBuilder();
        foreach (string? part in parts) text.Append(part ?? "\0nil").Append('\n');
        text.Append(r.Http.Headers.Accept.ToString()).Append('\n');
        text.Append(r.User.Name ?? "\0null").Append('\n').AppendJoin(',', r.User.Roles);
        return Md5ETag.Of(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
