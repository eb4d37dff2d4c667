using System.Text.Json;

namespace CouchJs.Http.Auth;

/// <summary>
/// A database's <c>_security</c> as couch_db reads it: <c>admins</c> and <c>members</c> (or the old
/// <c>readers</c>) with <c>names</c> and <c>roles</c>. An admin matches by name or by a role, the
/// <c>_admin</c> role always counting; a member is an admin, anyone when members are empty (a public
/// database), or someone matching <c>members</c>. Immutable; members that are no string lists are
/// ignored (the security endpoint refuses to store them).
/// </summary>
public sealed class SecurityObject
{
    private readonly Group _admins;
    private readonly Group _members;

    private SecurityObject(Group admins, Group members)
    {
        _admins = admins;
        _members = members;
    }

    public static SecurityObject Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new SecurityObject(Group.Empty, Group.Empty);
            var members = root.TryGetProperty("members", out var m) ? m : root.TryGetProperty("readers", out var r) ? r : default;
            return new SecurityObject(Group.From(root.TryGetProperty("admins", out var a) ? a : default), Group.From(members));
        }
        catch (JsonException)
        {
            return new SecurityObject(Group.Empty, Group.Empty);
        }
    }

    /// <summary>couch_db:is_admin: the <c>_admin</c> role, an admin role, or an admin name.</summary>
    public bool IsAdmin(UserContext user) => _admins.Matches(user);

    /// <summary>couch_db:is_member.</summary>
    public bool IsMember(UserContext user) => IsAdmin(user) || IsPublic || _members.Matches(user);

    /// <summary>No member names and no member roles: anyone may read and write documents.</summary>
    public bool IsPublic => _members.IsEmpty;

    private sealed class Group(string[] names, string[] roles)
    {
        public static readonly Group Empty = new([], []);

        public bool IsEmpty => names.Length == 0 && roles.Length == 0;

        public bool Matches(UserContext user)
        {
            foreach (string role in user.Roles)
                if (role == Database.Users.UserCredentials.AdminRole || roles.Contains(role)) return true;
            return user.Name is not null && names.Contains(user.Name);
        }

        public static Group From(JsonElement group) =>
            group.ValueKind == JsonValueKind.Object ? new Group(Strings(group, "names"), Strings(group, "roles")) : Empty;

        private static string[] Strings(JsonElement group, string member) =>
            group.TryGetProperty(member, out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : [];
    }
}
