using System.Runtime.CompilerServices;
using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Storage.Database;
using CouchJs.Storage.Files;

namespace CouchJs.Http.Auth;

/// <summary>
/// The security object each database answers to. A database is created with couch_db_updater's
/// default for <c>[couchdb] default_security</c> written into it (<see cref="DefaultJson"/>), so a
/// later change of the setting leaves it as it was: <c>admin_only</c> makes members and admins the
/// <c>_admin</c> role; <c>everyone</c> and <c>admin_local</c> (which only restricts node-local
/// databases, and every database here is one a client made) give <c>{}</c>. A database without a
/// stored object (made by an older CouchJs) answers to the current default.
/// Parsed objects are kept per database and dropped when the stored one changes, so the per-request
/// check costs one snapshot open and no JSON parsing.
/// </summary>
public sealed class DbSecurity(CouchConfig config)
{
    /// <summary>couch_db_updater:default_security_object for admin_only.</summary>
    private static readonly byte[] AdminOnlyJson = """{"members":{"roles":["_admin"]},"admins":{"roles":["_admin"]}}"""u8.ToArray();

    private static readonly SecurityObject AdminOnly = SecurityObject.Parse(AdminOnlyJson);
    private static readonly SecurityObject Everyone = SecurityObject.Parse("{}"u8);

    private readonly ConditionalWeakTable<CouchDatabase, Stored> _parsed = [];

    /// <summary>The security object <paramref name="database"/> answers to now.</summary>
    public SecurityObject Of(CouchDatabase database)
    {
        using var reader = database.OpenReader();
        long pointer = reader.Header.SecurityPointer;
        if (pointer == DbHeader.NoPointer) return Default;
        if (_parsed.TryGetValue(database, out var stored) && stored.Pointer == pointer && ReferenceEquals(stored.File, reader.File))
            return stored.Security;
        var security = SecurityObject.Parse(reader.Security);
        _parsed.AddOrUpdate(database, new Stored(reader.File, pointer, security));
        return security;
    }

    /// <summary>The security JSON a snapshot answers to (<c>GET /{db}/_security</c>, validation functions' secObj).</summary>
    public byte[] Json(DbReader reader) =>
        reader.Header.SecurityPointer != DbHeader.NoPointer ? reader.Security : DefaultJson;

    /// <summary>The security object a database gets when it is created, as the setting stands now.</summary>
    public byte[] DefaultJson => IsEveryone ? "{}"u8.ToArray() : AdminOnlyJson;

    private SecurityObject Default => IsEveryone ? Everyone : AdminOnly;

    private bool IsEveryone => config.Get("couchdb", "default_security", "admin_only") is "everyone" or "admin_local";

    // A pointer is only meaningful in its file: compaction moves the object into a new one.
    private sealed record Stored(CouchFile File, long Pointer, SecurityObject Security);
}
