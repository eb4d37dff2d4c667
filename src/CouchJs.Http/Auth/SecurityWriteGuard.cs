using System.Text.Json;
using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Users;
using CouchJs.Database.Writing;

namespace CouchJs.Http.Auth;

/// <summary>
/// The access rules CouchDB applies to every document write, whichever endpoint it comes from
/// (<c>PUT</c>, <c>POST</c>, <c>_bulk_docs</c>, <c>COPY</c>, replication with <c>new_edits=false</c>):
/// <list type="bullet">
/// <item>in a users database, couch_users_db:before_doc_update for every document of the update: a
/// known user who is no admin of it may only write their own document (404 for the whole update
/// otherwise), and a <c>password</c> is replaced by its hash (<see cref="UserPasswords"/>);</item>
/// <item>then per document, unless the writer will answer it with a conflict: design documents need a
/// database admin (couch_db:validate_doc_update, 401/403 "You are not a db or server admin."), and user
/// documents must pass the <c>_design/_auth</c> rules (<see cref="UserDocRules"/>).</item>
/// </list>
/// Writes made outside a request (server setup) are the server's own and pass.
/// </summary>
public sealed class SecurityWriteGuard(CouchConfig config, DbSecurity security) : IDocWriteGuard
{
    public bool Applies(CouchDatabase database, IReadOnlyList<IncomingDoc> docs)
    {
        if (AuthenticationDb.IsUsersDb(database.Name, config)) return true;
        if (RequestUser.Current is not { IsAdmin: false }) return false;
        foreach (var doc in docs)
            if (DocIds.IsDesign(doc.Id!)) return true;
        return false;
    }

    public Task<CouchException?[]> Check(DocWrite write)
    {
        var user = RequestUser.Current;
        var docs = write.Docs;
        var errors = new CouchException?[docs.Count];
        var dbSecurity = security.Of(write.Database);
        bool usersDb = AuthenticationDb.IsUsersDb(write.Database.Name, config);
        if (usersDb) BeforeUpdate(docs, user, dbSecurity);
        if (user is null) return Task.FromResult(errors);
        bool dbAdmin = dbSecurity.IsAdmin(user);
        for (int i = 0; i < docs.Count; i++)
        {
            if (write.WouldConflict(i)) continue;
            var doc = docs[i];
            if (DocIds.IsDesign(doc.Id!))
                errors[i] = dbAdmin ? null : AccessErrors.Security(user, AccessErrors.NotDbAdmin);
            else if (usersDb)
                errors[i] = ValidateUserDoc(write, i, user, dbAdmin);
        }
        return Task.FromResult(errors);
    }

    private void BeforeUpdate(IReadOnlyList<IncomingDoc> docs, UserContext? user, SecurityObject dbSecurity)
    {
        bool mayWriteAny = user is null || user.Name is null || dbSecurity.IsAdmin(user);
        var settings = PasswordSettings.From(config);
        foreach (var doc in docs)
        {
            if (!mayWriteAny && UserDocs.NameOf(doc.Id!) != user!.Name) throw CouchException.NotFound();
            if (UserPasswords.Hash(doc.Body, settings) is { } hashed) doc.Body = hashed;
        }
    }

    private static CouchException? ValidateUserDoc(DocWrite write, int index, UserContext user, bool dbAdmin)
    {
        var doc = write.Docs[index];
        using var body = JsonDocument.Parse(doc.Body);
        var change = new UserDocWrite(doc.Id!, doc.Deleted, body.RootElement, write.OldBody(index), user.Name, user.Roles);
        return UserDocRules.Validate(change, dbAdmin);
    }
}
