namespace CouchJs.Database.Users;

/// <summary>
/// Names of the authentication database's documents: a user <c>NAME</c> is the document
/// <c>org.couchdb.user:NAME</c> (couch_users_db); every other non-design document is no user.
/// </summary>
public static class UserDocs
{
    public const string IdPrefix = "org.couchdb.user:";

    /// <summary>The design document CouchDB keeps in the authentication database with the user rules.</summary>
    public const string AuthDesignDocId = "_design/_auth";

    public static string IdOf(string name) => IdPrefix + name;

    /// <summary>The user a document id names, or null for any other id.</summary>
    public static string? NameOf(string docId) =>
        docId.StartsWith(IdPrefix, StringComparison.Ordinal) ? docId[IdPrefix.Length..] : null;
}
