using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Users;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// The users-database rules without a server: the _auth checks' JavaScript semantics (truthiness,
/// loose equality on delete, sorted role comparison), <c>password_regexp</c> parsing, stored
/// credentials of every scheme, and TOTP codes.
/// </summary>
public sealed class UserDocRulesTests
{
    private static CouchException? Validate(string id, string body, string? old = null, string? user = "u", bool deleted = false, bool dbAdmin = false, string[]? roles = null)
    {
        using var doc = JsonDocument.Parse(body);
        using var before = old is null ? null : JsonDocument.Parse(old);
        return UserDocRules.Validate(new UserDocWrite(id, deleted, doc.RootElement, before?.RootElement, user, roles ?? []), dbAdmin);
    }

    [Fact]
    public void A_user_may_reorder_but_not_change_their_roles()
    {
        const string Old = """{"name":"u","roles":["b","a"],"type":"user"}""";
        Assert.Null(Validate("org.couchdb.user:u", """{"name":"u","roles":["a","b"],"type":"user"}""", Old));
        Assert.Equal("Only _admin may edit roles", Validate("org.couchdb.user:u", """{"name":"u","roles":["a","c"],"type":"user"}""", Old)?.Reason);
        Assert.Equal("Only _admin may edit roles", Validate("org.couchdb.user:u", """{"name":"u","roles":["a"],"type":"user"}""", Old)?.Reason);
        Assert.Null(Validate("org.couchdb.user:u", """{"name":"u","roles":["x"],"type":"user"}""", Old, dbAdmin: true));
    }

    [Fact]
    public void Deletes_follow_javascripts_loose_equality()
    {
        Assert.Null(Validate("org.couchdb.user:u", "{}", """{"name":"u"}""", deleted: true));
        Assert.Equal("Only admins may delete other user docs.", Validate("org.couchdb.user:v", "{}", """{"name":"v"}""", deleted: true)?.Reason);
        Assert.Null(Validate("org.couchdb.user:v", "{}", """{"name":"v"}""", deleted: true, roles: ["_admin"]));
        // null == undefined: an anonymous caller may delete a document that has no name.
        Assert.Null(Validate("org.couchdb.user:v", "{}", """{"type":"user"}""", user: null, deleted: true));
    }

    [Theory]
    [InlineData("""{"name":"","roles":[],"type":"user"}""", "doc.name is required")]
    [InlineData("""{"name":0,"roles":[],"type":"user"}""", "doc.name is required")]
    [InlineData("""{"name":"u","roles":false,"type":"user"}""", "doc.roles must exist")]
    [InlineData("""{"name":"u","roles":{},"type":"user"}""", "doc.roles must be an array")]
    [InlineData("""{"name":"u","roles":[],"type":"user","password_sha":"x","salt":""}""", "Users with password_sha must have a salt.See /_utils/script/couch.js for example code.")]
    public void Javascript_truthiness_decides_presence(string body, string reason) =>
        Assert.Equal(reason, Validate("org.couchdb.user:u", body, dbAdmin: true)?.Reason);

    [Fact]
    public void A_new_user_written_by_a_stranger_needs_no_name_match_but_an_update_does()
    {
        Assert.Null(Validate("org.couchdb.user:u", """{"name":"u","roles":[],"type":"user"}""", user: null));
        Assert.Equal("You may only update your own user document.",
            Validate("org.couchdb.user:u", """{"name":"u","roles":[],"type":"user"}""", """{"name":"u","roles":[]}""", user: "other")?.Reason);
        Assert.Equal("Usernames can not be changed.",
            Validate("org.couchdb.user:u", """{"name":"u","roles":[],"type":"user"}""", """{"name":"old"}""", dbAdmin: true)?.Reason);
    }

    [Theory]
    [InlineData("""[".{4,}"]""", "abc", "Password does not conform to requirements.")]
    [InlineData("""[{".{4,}", "Too short."}]""", "abc", "Password does not conform to requirements. Too short.")]
    [InlineData("""[{"\\d", "Needs a digit."}, "[A-Z]"]""", "abcd", "Password does not conform to requirements. Needs a digit.")]
    [InlineData("""[{"\\d", ""}]""", "abcd", "Password does not conform to requirements.")]
    [InlineData("""[{"\\d"}].""", "abcd", "Password does not conform to requirements.")]
    public void Password_rules_name_their_reason(string setting, string password, string reason)
    {
        var error = Assert.Throws<CouchException>(() => PasswordRules.Check(password, setting));
        Assert.Equal((400, "bad_request", reason), (error.Status, error.Error, error.Reason));
    }

    [Theory]
    [InlineData("""[{"\\d", "x"}, "[a-z]"]""", "abc1")]
    [InlineData("[]", "anything")]
    [InlineData("", "anything")]
    public void Passwords_matching_every_rule_pass(string setting, string password) => PasswordRules.Check(password, setting);

    [Theory]
    [InlineData("\"just a string\"")]
    [InlineData("[{1, 2}]")]
    [InlineData("[\"(unclosed\"]")]
    [InlineData("[\"a\"")]
    public void An_unusable_rule_setting_refuses_every_password(string setting)
    {
        var error = Assert.Throws<CouchException>(() => PasswordRules.Check("pw", setting));
        Assert.Equal((403, "Server cannot hash passwords at this time."), (error.Status, error.Reason));
    }

    [Fact]
    public void Stored_credentials_take_couchdbs_defaults()
    {
        using var old = JsonDocument.Parse("""{"password_scheme":"pbkdf2","salt":"s","derived_key":"ab","roles":["r",1]}""");
        var creds = UserCredentials.FromDocument(old.RootElement);
        Assert.Equal("-pbkdf2:sha-ab,s,10000", creds.Stored);
        Assert.Equal(["r"], creds.Roles);
        using var none = JsonDocument.Parse("""{"roles":[]}""");
        Assert.Null(UserCredentials.FromDocument(none.RootElement).Stored);
        Assert.Null(UserCredentials.FromAdmin("plain text"));
        Assert.Equal(["_admin"], UserCredentials.FromAdmin("-hashed-abcd,salt")!.Roles);
    }

    [Fact]
    public void Totp_codes_are_rfc_6238s()
    {
        // RFC 6238 appendix B, SHA-1 seed "12345678901234567890" at T = 59 s: 94287082 (8 digits).
        var totp = new TotpSettings("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "sha", 8);
        Assert.Equal("94287082", totp.Code(TotpSettings.Base32(totp.Key)!, 59 / 30));
        Assert.True(totp.Verify("94287082", 59));
        Assert.True(totp.Verify("94287082", 89));
        Assert.False(totp.Verify("94287082", 120));
        Assert.Null(TotpSettings.Base32("not-base32!"));
    }
}
