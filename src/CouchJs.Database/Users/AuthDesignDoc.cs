using System.Buffers;
using System.Text.Json;
using CouchJs.Database.Documents;

namespace CouchJs.Database.Users;

/// <summary>
/// The users database's <c>_design/_auth</c>, kept there as chttpd_auth_cache keeps it: created when
/// missing, and its <c>validate_doc_update</c> put back (other members kept) when it differs. Its
/// function states the rules <see cref="UserDocRules"/> enforces, with the same messages, for clients and
/// query servers that read it.
/// </summary>
public static class AuthDesignDoc
{
    // Stored as sent: no escaping of quotes, < > & or non-ASCII text.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string ValidateDocUpdate = """
        function (newDoc, oldDoc, userCtx, secObj) {
          function refuse(reason) { throw ({ forbidden: reason }); }
          function isAdmin() {
            if (userCtx.roles.indexOf('_admin') !== -1) return true;
            var admins = (secObj && secObj.admins) || {};
            if (admins.names && admins.names.indexOf(userCtx.name) !== -1) return true;
            var roles = admins.roles || [];
            for (var i = 0; i < userCtx.roles.length; i++) if (roles.indexOf(userCtx.roles[i]) !== -1) return true;
            return false;
          }
          if (newDoc._deleted === true) {
            if (userCtx.roles.indexOf('_admin') !== -1 || userCtx.name == (oldDoc && oldDoc.name)) return;
            refuse('Only admins may delete other user docs.');
          }
          if (newDoc.type !== 'user') refuse('doc.type must be user');
          if (!newDoc.name) refuse('doc.name is required');
          if (!newDoc.roles) refuse('doc.roles must exist');
          if (!isArray(newDoc.roles)) refuse('doc.roles must be an array');
          newDoc.roles.forEach(function (role) { if (typeof role !== 'string') refuse('doc.roles can only contain strings'); });
          if (newDoc._id !== 'org.couchdb.user:' + newDoc.name) refuse('Doc ID must be of the form org.couchdb.user:name');
          if (oldDoc && oldDoc.name !== newDoc.name) refuse('Usernames can not be changed.');
          if (newDoc.password_sha && !newDoc.salt)
            refuse('Users with password_sha must have a salt.See /_utils/script/couch.js for example code.');
          if (newDoc.password_scheme && ['simple', 'pbkdf2', 'bcrypt'].indexOf(newDoc.password_scheme) === -1)
            refuse('Password scheme `' + newDoc.password_scheme + '` not supported.');
          if (newDoc.password_scheme === 'pbkdf2') {
            if (typeof newDoc.iterations !== 'number') refuse('iterations must be a number.');
            if (typeof newDoc.derived_key !== 'string') refuse('derived_key must be a string.');
          }
          if (!isAdmin()) {
            if (oldDoc) {
              if (userCtx.name !== newDoc.name) refuse('You may only update your own user document.');
              var before = (oldDoc.roles || []).slice().sort(), after = newDoc.roles.slice().sort();
              if (before.length !== after.length) refuse('Only _admin may edit roles');
              for (var r = 0; r < before.length; r++) if (before[r] !== after[r]) refuse('Only _admin may edit roles');
            } else if (newDoc.roles.length > 0) {
              refuse('Only _admin may set roles');
            }
          }
          newDoc.roles.forEach(function (role) {
            if (role !== '_metrics' && role[0] === '_') refuse('No system roles (starting with underscore) in users db.');
          });
          if (typeof newDoc.name === 'string') {
            if (newDoc.name[0] === '_') refuse('Username may not start with underscore.');
            if (newDoc.name.indexOf(':') >= 0) refuse('Character `:` is not allowed in usernames.');
          }
        }
        """;

    /// <summary>Creates or repairs the design document; a concurrent writer's conflict is left to win.</summary>
    public static async Task Ensure(CouchDatabase usersDb)
    {
        var doc = Current(usersDb);
        if (doc is null) return;
        try
        {
            await usersDb.UpdateDoc(doc).ConfigureAwait(false);
        }
        catch (CouchException e) when (e.Status == 409)
        {
            // Someone else wrote it meanwhile, as CouchDB's update_doc_ignoring_conflict allows.
        }
    }

    // The document to write, or null when the stored one is right.
    private static IncomingDoc? Current(CouchDatabase usersDb)
    {
        using var reader = usersDb.OpenReader();
        var info = reader.Get(UserDocs.AuthDesignDocId);
        if (info is null || info.Deleted || info.Winner.Value is not { } stored)
            return new IncomingDoc { Id = UserDocs.AuthDesignDocId, Body = Body(null) };
        using var body = JsonDocument.Parse(reader.ReadBody(stored));
        if (body.RootElement.TryGetProperty("validate_doc_update", out var fn) && fn.ValueKind == JsonValueKind.String && fn.GetString() == ValidateDocUpdate)
            return null;
        var winner = info.Winner.Rev;
        return new IncomingDoc { Id = UserDocs.AuthDesignDocId, RevPos = winner.Pos, RevHashes = [winner.Hash], Body = Body(body.RootElement) };
    }

    // The stored members with validate_doc_update replaced (or {"language":"javascript", ...} for a new one).
    private static byte[] Body(JsonElement? stored)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(output, WriterOptions))
        {
            w.WriteStartObject();
            if (stored is { } existing)
            {
                foreach (var member in existing.EnumerateObject())
                    if (member.Name != "validate_doc_update") member.WriteTo(w);
            }
            else w.WriteString("language", "javascript");
            w.WriteString("validate_doc_update", ValidateDocUpdate);
            w.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }
}
