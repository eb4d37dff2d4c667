namespace CouchJs.Database.Writing;

/// <summary>
/// Checks an update's documents before they are queued, as couch_db:update_docs does before it hands
/// them to the updater (the database's before_doc_update, then validate_doc_update's access rules): a
/// guard may rewrite a document's body (the users database hashes passwords), refuse a document (its
/// error becomes its result and it is not written) or throw to refuse the whole update. Set through
/// <see cref="DatabaseOptions.WriteGuard"/>; every path that writes documents goes through it.
/// </summary>
public interface IDocWriteGuard
{
    /// <summary>Whether <see cref="Check"/> must see this update; false keeps the hot write path free of it.</summary>
    bool Applies(CouchDatabase database, IReadOnlyList<Documents.IncomingDoc> docs);

    /// <summary>One error or null per document of <paramref name="write"/>, in its order.</summary>
    Task<CouchException?[]> Check(DocWrite write);
}
