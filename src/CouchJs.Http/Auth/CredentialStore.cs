using System.Collections.Concurrent;
using System.Text.Json;
using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Database.Users;

namespace CouchJs.Http.Auth;

/// <summary>
/// Users' credentials (chttpd_auth_cache:get_user_creds): a server admin from <c>[admins]</c>, with the
/// roles of a same-named user document added; anyone else from <c>org.couchdb.user:NAME</c> in the
/// authentication database. Documents read are kept (up to <c>[chttpd_auth] auth_cache_size</c>) until
/// the authentication database changes, so a new password or new roles apply to the next request.
/// A user document with conflicts is refused unless <c>[chttpd_auth] allow_conflicted_user_docs</c>.
/// </summary>
public sealed class CredentialStore(CouchConfig config, DatabaseServer databases)
{
    public const string ConflictedUserDoc =
        "User document conflicts must be resolved before the document is used for authentication purposes.";

    private Generation _cache = new(null, -1);

    // Parsed [admins] values, so Basic auth as an admin parses no hash per request.
    private readonly ConcurrentDictionary<string, UserCredentials?> _admins = new(StringComparer.Ordinal);

    /// <summary>The user's credentials, or null when no admin and no user of that name exist.</summary>
    public UserCredentials? Get(string name)
    {
        var fromDb = FromUsersDb(name);
        if (config.Get(CouchConfig.AdminsSection, name) is { } stored && Admin(stored) is { } admin)
            return fromDb is null ? admin : admin.WithExtraRoles(fromDb.Value.Credentials.Roles);
        if (fromDb is not { } user) return null;
        if (user.Conflicted && !config.GetBool("chttpd_auth", "allow_conflicted_user_docs", false))
            throw AccessErrors.Unauthorized(ConflictedUserDoc);
        return user.Credentials;
    }

    private UserCredentials? Admin(string stored)
    {
        if (_admins.TryGetValue(stored, out var known)) return known;
        // Old hashes linger after password changes; a handful of admins never fills this.
        if (_admins.Count >= 1024) _admins.Clear();
        return _admins[stored] = UserCredentials.FromAdmin(stored);
    }

    private (UserCredentials Credentials, bool Conflicted)? FromUsersDb(string name)
    {
        if (databases.TryOpen(AuthenticationDb.Name(config)) is not { } usersDb) return null;
        var cache = Volatile.Read(ref _cache);
        if (!ReferenceEquals(cache.Database, usersDb) || cache.UpdateSeq != usersDb.UpdateSeq)
        {
            cache = new Generation(usersDb, usersDb.UpdateSeq);
            Volatile.Write(ref _cache, cache);
        }
        if (cache.Users.TryGetValue(name, out var known)) return known;
        var loaded = Load(usersDb, name);
        if (cache.Users.Count >= Math.Max(1, config.GetInt("chttpd_auth", "auth_cache_size", 50))) cache.Users.Clear();
        cache.Users[name] = loaded;
        return loaded;
    }

    private static (UserCredentials, bool)? Load(CouchDatabase usersDb, string name)
    {
        using var reader = usersDb.OpenReader();
        if (reader.Get(UserDocs.IdOf(name)) is not { Deleted: false } info || info.Winner.Value is not { } body) return null;
        using var doc = JsonDocument.Parse(reader.ReadBody(body));
        bool conflicted = info.Tree.Leaves().Count(leaf => leaf.Value is { Deleted: false }) > 1;
        return (UserCredentials.FromDocument(doc.RootElement), conflicted);
    }

    // The documents read since the authentication database last changed.
    private sealed class Generation(CouchDatabase? database, long updateSeq)
    {
        public CouchDatabase? Database { get; } = database;

        public long UpdateSeq { get; } = updateSeq;

        public ConcurrentDictionary<string, (UserCredentials, bool)?> Users { get; } = new(StringComparer.Ordinal);
    }
}
