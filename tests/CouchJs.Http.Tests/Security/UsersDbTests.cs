using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// The users database as a server admin and the authentication layer see it: created at start with
/// <c>_replicator</c> and <c>_design/_auth</c>, admin-only by default, passwords hashed on write
/// (couch_users_db:save_doc), and every stored form of credentials authenticating (chttpd_auth_cache,
/// couch_httpd_auth:authenticate).
/// </summary>
public sealed class UsersDbTests(CouchServer server) : IClassFixture<CouchServer>
{
    private static string Path(string user) => "_users/org.couchdb.user:" + user;

    private async Task<JsonNode> Doc(string user) => (await HttpAssert.Json(await server.Client.GetAsync(Path(user)), HttpStatusCode.OK))!;

    private async Task<HttpStatusCode> SessionStatus(string user, string password)
    {
        using var client = SecurityKit.As(server, user, password);
        return (await client.GetAsync("_session")).StatusCode;
    }

    [Fact]
    public async Task System_databases_exist_from_the_start()
    {
        var all = (await HttpAssert.Json(await server.Client.GetAsync("_all_dbs"), HttpStatusCode.OK))!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains("_users", all);
        Assert.Contains("_replicator", all);
        var auth = await HttpAssert.Json(await server.Client.GetAsync("_users/_design/_auth"), HttpStatusCode.OK);
        Assert.Equal("javascript", (string?)auth!["language"]);
        Assert.StartsWith("function (newDoc, oldDoc, userCtx, secObj)", (string?)auth["validate_doc_update"]);
        await HttpAssert.Body(await server.Client.GetAsync("_users/_security"), HttpStatusCode.OK,
            """{"members":{"roles":["_admin"]},"admins":{"roles":["_admin"]}}""");
    }

    [Fact]
    public async Task A_password_is_stored_as_its_pbkdf2_hash_first_in_the_document()
    {
        string user = SecurityKit.NewName("hash");
        await SecurityKit.CreateUser(server, user, "apple", "r");
        var doc = await Doc(user);
        Assert.Equal(["_id", "_rev", "password_scheme", "pbkdf2_prf", "salt", "iterations", "derived_key", "name", "roles", "type"],
            doc.AsObject().Select(m => m.Key));
        Assert.Equal("pbkdf2", (string?)doc["password_scheme"]);
        Assert.Equal("sha256", (string?)doc["pbkdf2_prf"]);
        Assert.Equal(1000, (int)doc["iterations"]!);
        string salt = (string)doc["salt"]!, key = (string)doc["derived_key"]!;
        Assert.Matches("^[0-9a-f]{32}$", salt);
        byte[] expected = Rfc2898DeriveBytes.Pbkdf2("apple"u8, Encoding.UTF8.GetBytes(salt), 1000, HashAlgorithmName.SHA256, 32);
        Assert.Equal(Convert.ToHexStringLower(expected), key);
        doc["password"] = "banana";
        await HttpAssert.Json(await server.Client.PutAsync(Path(user), SecurityKit.Json(doc.ToJsonString())), HttpStatusCode.Created);
        var changed = await Doc(user);
        Assert.NotEqual(salt, (string?)changed["salt"]);
        Assert.Equal(HttpStatusCode.OK, await SessionStatus(user, "banana"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionStatus(user, "apple"));
    }

    [Fact]
    public async Task A_password_that_is_no_string_is_refused()
    {
        string user = SecurityKit.NewName("bad");
        var response = await server.Client.PutAsync(Path(user), SecurityKit.Json($$"""{"name":"{{user}}","password":123,"roles":[],"type":"user"}"""));
        await HttpAssert.Error(response, HttpStatusCode.Forbidden, "forbidden", "Password value of '123' is invalid.");
    }

    [Fact]
    public async Task Password_rules_and_the_simple_scheme_come_from_the_config()
    {
        await SecurityKit.Config(server, "chttpd_auth", "password_regexp", """[{".{8,}", "Min length is 8."}, "[0-9]"]""");
        try
        {
            string user = SecurityKit.NewName("rules");
            string Body(string password) => $$"""{"name":"{{user}}","password":"{{password}}","roles":[],"type":"user"}""";
            await HttpAssert.Error(await server.Client.PutAsync(Path(user), SecurityKit.Json(Body("short1"))), HttpStatusCode.BadRequest,
                "bad_request", "Password does not conform to requirements. Min length is 8.");
            await HttpAssert.Error(await server.Client.PutAsync(Path(user), SecurityKit.Json(Body("longenough"))), HttpStatusCode.BadRequest,
                "bad_request", "Password does not conform to requirements.");
            await SecurityKit.Config(server, "chttpd_auth", "password_scheme", "simple");
            await HttpAssert.Json(await server.Client.PutAsync(Path(user), SecurityKit.Json(Body("longenough1"))), HttpStatusCode.Created);
            var doc = await Doc(user);
            Assert.Equal("simple", (string?)doc["password_scheme"]);
            Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("longenough1" + (string)doc["salt"]!))), (string?)doc["password_sha"]);
            Assert.Equal(HttpStatusCode.OK, await SessionStatus(user, "longenough1"));
            await SecurityKit.Config(server, "chttpd_auth", "password_regexp", "not a list");
            await HttpAssert.Error(await server.Client.PutAsync(Path(SecurityKit.NewName("x")), SecurityKit.Json(Body("whatever1"))), HttpStatusCode.Forbidden,
                "forbidden", "Server cannot hash passwords at this time.");
        }
        finally
        {
            await SecurityKit.Config(server, "chttpd_auth", "password_regexp", null);
            await SecurityKit.Config(server, "chttpd_auth", "password_scheme", null);
        }
    }

    [Fact]
    public async Task Documents_from_older_couchdbs_still_authenticate()
    {
        string simple = SecurityKit.NewName("simple"), sha1 = SecurityKit.NewName("sha1");
        string salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string sha = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("old" + salt)));
        await SecurityKit.PutDoc(server, Path(simple),
            $$"""{"name":"{{simple}}","roles":[],"type":"user","password_scheme":"simple","salt":"{{salt}}","password_sha":"{{sha}}"}""");
        string key = Convert.ToHexStringLower(Rfc2898DeriveBytes.Pbkdf2("old"u8, Encoding.UTF8.GetBytes(salt), 10, HashAlgorithmName.SHA1, 20));
        await SecurityKit.PutDoc(server, Path(sha1),
            $$"""{"name":"{{sha1}}","roles":[],"type":"user","password_scheme":"pbkdf2","iterations":10,"salt":"{{salt}}","derived_key":"{{key}}"}""");
        Assert.Equal(HttpStatusCode.OK, await SessionStatus(simple, "old"));
        Assert.Equal(HttpStatusCode.OK, await SessionStatus(sha1, "old"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionStatus(sha1, "new"));
    }

    [Fact]
    public async Task Iteration_counts_outside_the_configured_range_are_forbidden()
    {
        // The server admin's hash has 1000 iterations: the range keeps it usable.
        string few = await UserWithIterations(10), many = await UserWithIterations(2000);
        await SecurityKit.Config(server, "chttpd_auth", "min_iterations", "100");
        await SecurityKit.Config(server, "chttpd_auth", "max_iterations", "1500");
        try
        {
            using var low = SecurityKit.As(server, few);
            await HttpAssert.Error(await low.GetAsync("_session"), HttpStatusCode.Forbidden, "forbidden", "Iteration count is too low for this server");
            using var high = SecurityKit.As(server, many);
            await HttpAssert.Error(await high.GetAsync("_session"), HttpStatusCode.Forbidden, "forbidden", "Iteration count is too high for this server");
        }
        finally
        {
            await SecurityKit.Config(server, "chttpd_auth", "min_iterations", null);
            await SecurityKit.Config(server, "chttpd_auth", "max_iterations", null);
        }
        Assert.Equal(HttpStatusCode.OK, await SessionStatus(few, SecurityKit.Password));
    }

    private async Task<string> UserWithIterations(int iterations)
    {
        string user = SecurityKit.NewName("iter"), salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string key = Convert.ToHexStringLower(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(SecurityKit.Password), Encoding.UTF8.GetBytes(salt),
            iterations, HashAlgorithmName.SHA256, 32));
        await SecurityKit.PutDoc(server, Path(user), $$"""
            {"name":"{{user}}","roles":[],"type":"user","password_scheme":"pbkdf2","pbkdf2_prf":"sha256",
             "iterations":{{iterations}},"salt":"{{salt}}","derived_key":"{{key}}"}
            """);
        return user;
    }

    [Fact]
    public async Task A_conflicted_user_document_does_not_authenticate()
    {
        string user = SecurityKit.NewName("conflict");
        await SecurityKit.CreateUser(server, user);
        var doc = await Doc(user);
        doc["_rev"] = "1-" + new string('f', 32);
        await HttpAssert.Json(await server.Client.PutAsync(Path(user) + "?new_edits=false", SecurityKit.Json(doc.ToJsonString())), HttpStatusCode.Created);
        using var client = SecurityKit.As(server, user);
        await HttpAssert.Error(await client.GetAsync("_session"), HttpStatusCode.Unauthorized, "unauthorized",
            "User document conflicts must be resolved before the document is used for authentication purposes.");
    }

    [Fact]
    public async Task Roles_of_a_new_revision_apply_at_once_and_admins_get_their_documents_roles()
    {
        string user = SecurityKit.NewName("roles");
        await SecurityKit.CreateUser(server, user, SecurityKit.Password, "before");
        using var client = SecurityKit.As(server, user);
        Assert.Equal("before", (string?)(await HttpAssert.Json(await client.GetAsync("_session"), HttpStatusCode.OK))!["userCtx"]!["roles"]![0]);
        var doc = await Doc(user);
        doc["roles"] = new JsonArray("after");
        await HttpAssert.Json(await server.Client.PutAsync(Path(user), SecurityKit.Json(doc.ToJsonString())), HttpStatusCode.Created);
        Assert.Equal("after", (string?)(await HttpAssert.Json(await client.GetAsync("_session"), HttpStatusCode.OK))!["userCtx"]!["roles"]![0]);

        await SecurityKit.PutDoc(server, Path(CouchServer.Admin), $$"""{"name":"{{CouchServer.Admin}}","roles":["extra"],"type":"user"}""");
        await HttpAssert.Body(await server.Client.GetAsync("_session"), HttpStatusCode.OK,
            """{"ok":true,"userCtx":{"name":"admin","roles":["_admin","extra"]},"info":{"authentication_handlers":["cookie","default"],"authenticated":"default"}}""");
    }

    [Fact]
    public async Task The_users_database_security_cannot_be_edited_by_default() =>
        await HttpAssert.Error(await server.Client.PutAsync("_users/_security", SecurityKit.Json("{}")), HttpStatusCode.Forbidden,
            "forbidden", "You can't edit the security object of the user database.");

    [Fact]
    public async Task A_recreated_users_database_gets_its_design_document_back()
    {
        await SecurityKit.Config(server, "chttpd_auth", "authentication_db", "fresh_users");
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await server.Client.PutAsync("fresh_users", null)).StatusCode);
            for (int i = 0; i < 300 && (await server.Client.GetAsync("fresh_users/_design/_auth")).StatusCode != HttpStatusCode.OK; i++) await Task.Delay(100);
            var auth = await HttpAssert.Json(await server.Client.GetAsync("fresh_users/_design/_auth"), HttpStatusCode.OK);
            Assert.Equal("javascript", (string?)auth!["language"]);
        }
        finally
        {
            await SecurityKit.Config(server, "chttpd_auth", "authentication_db", null);
        }
    }

    [Fact]
    public async Task A_user_with_a_second_factor_logs_in_with_the_current_code_only()
    {
        string user = SecurityKit.NewName("totp");
        byte[] key = RandomNumberGenerator.GetBytes(20);
        await SecurityKit.CreateUser(server, user);
        var doc = await Doc(user);
        doc["totp"] = new JsonObject { ["key"] = Base32(key) };
        await HttpAssert.Json(await server.Client.PutAsync(Path(user), SecurityKit.Json(doc.ToJsonString())), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionStatus(user, SecurityKit.Password));
        using var client = SecurityKit.Raw(server);
        string Login(string token) => $$"""{"name":"{{user}}","password":"{{SecurityKit.Password}}","token":"{{token}}"}""";
        await HttpAssert.Error(await client.PostAsync("_session", SecurityKit.Json(Login("000000"))), HttpStatusCode.Unauthorized,
            "unauthorized", "Name or password is incorrect.");
        await HttpAssert.Json(await client.PostAsync("_session", SecurityKit.Json(Login(Hotp(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30)))), HttpStatusCode.OK);
    }

    private static string Base32(byte[] data)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder();
        for (int bit = 0; bit < data.Length * 8; bit += 5)
        {
            int value = 0;
            for (int i = 0; i < 5; i++)
            {
                int b = bit + i;
                value = (value << 1) | (b < data.Length * 8 ? (data[b / 8] >> (7 - b % 8)) & 1 : 0);
            }
            text.Append(Alphabet[value]);
        }
        return text.ToString();
    }

    private static string Hotp(byte[] key, long counter)
    {
        byte[] message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        byte[] mac = HMACSHA1.HashData(key, message);
        int offset = mac[^1] & 0xf;
        int code = ((mac[offset] & 0x7f) << 24 | mac[offset + 1] << 16 | mac[offset + 2] << 8 | mac[offset + 3]) % 1_000_000;
        return code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
