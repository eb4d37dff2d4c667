using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// JWT authentication (couch_httpd_auth:jwt_authentication_handler, jwtf) once it is in
/// <c>[chttpd] authentication_handlers</c>: HS/RS/ES 256/384/512 tokens checked against <c>[jwt_keys]</c>,
/// the claims checks with their exact reasons, the roles claim, and the tokens it must refuse — no
/// algorithm, a forged signature, an expired token, a key of the wrong type.
/// </summary>
public sealed class JwtAuthTests(CouchServer server) : IClassFixture<CouchServer>, IAsyncLifetime
{
    private const string Handlers = "{chttpd_auth, jwt_authentication_handler}, {chttpd_auth, cookie_authentication_handler}, {chttpd_auth, default_authentication_handler}";

    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);
    private static readonly RSA Rsa = RSA.Create(2048);
    private static readonly ECDsa Ec256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa Ec384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly ECDsa Ec521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public async Task InitializeAsync()
    {
        await SecurityKit.Config(server, "chttpd", "authentication_handlers", Handlers);
        await SecurityKit.Config(server, "jwt_keys", "hmac:_default", Convert.ToBase64String(Secret));
        await SecurityKit.Config(server, "jwt_keys", "rsa:rk", Pem(Rsa.ExportSubjectPublicKeyInfoPem()));
        await SecurityKit.Config(server, "jwt_keys", "ec:ek256", Pem(Ec256.ExportSubjectPublicKeyInfoPem()));
        await SecurityKit.Config(server, "jwt_keys", "ec:ek384", Pem(Ec384.ExportSubjectPublicKeyInfoPem()));
        await SecurityKit.Config(server, "jwt_keys", "ec:ek512", Pem(Ec521.ExportSubjectPublicKeyInfoPem()));
    }

    public Task DisposeAsync() => SecurityKit.Config(server, "chttpd", "authentication_handlers", null);

    // PEM in one ini line: line breaks written as \n.
    private static string Pem(string pem) => pem.Replace("\n", "\\n", StringComparison.Ordinal);

    private static string B64(byte[] bytes) => SessionCookieKit.Base64Url(bytes);

    private static string B64(string json) => B64(Encoding.UTF8.GetBytes(json));

    private static string Token(string header, string payload, Func<byte[], byte[]> sign)
    {
        string signed = B64(header) + "." + B64(payload);
        return signed + "." + B64(sign(Encoding.ASCII.GetBytes(signed)));
    }

    private static string Hs(string payload, string alg = "HS256", byte[]? key = null, string? extraHeader = null)
    {
        key ??= Secret;
        Func<byte[], byte[]> sign = alg switch
        {
            "HS384" => m => HMACSHA384.HashData(key, m),
            "HS512" => m => HMACSHA512.HashData(key, m),
            _ => m => HMACSHA256.HashData(key, m),
        };
        return Token($$"""{"alg":"{{alg}}"{{extraHeader}}}""", payload, sign);
    }

    private static string Claims(string sub = "jwtuser", string more = "") => $$"""{"sub":"{{sub}}","exp":{{Now + 300}}{{more}}}""";

    private async Task<HttpResponseMessage> Session(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "_session");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await server.Anonymous.SendAsync(request);
    }

    private async Task AssertUser(string token, string name, string roles = "[]") =>
        await HttpAssert.Body(await Session(token), HttpStatusCode.OK,
            $$$"""{"ok":true,"userCtx":{"name":"{{{name}}}","roles":{{{roles}}}},"info":{"authentication_handlers":["jwt","cookie","default"],"authenticated":"jwt"}}""");

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public async Task Hmac_tokens_authenticate(string alg) => await AssertUser(Hs(Claims(more: ""","_couchdb.roles":["a","b"]"""), alg), "jwtuser", """["a","b"]""");

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Rsa_tokens_authenticate(string alg)
    {
        var hash = alg switch { "RS384" => HashAlgorithmName.SHA384, "RS512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        string token = Token($$"""{"alg":"{{alg}}","kid":"rk","typ":"JWT"}""", Claims(), m => Rsa.SignData(m, hash, RSASignaturePadding.Pkcs1));
        await AssertUser(token, "jwtuser");
    }

    [Theory]
    [InlineData("ES256", "ek256")]
    [InlineData("ES384", "ek384")]
    [InlineData("ES512", "ek512")]
    public async Task Elliptic_curve_tokens_authenticate(string alg, string kid)
    {
        var (ec, hash) = alg switch
        {
            "ES384" => (Ec384, HashAlgorithmName.SHA384),
            "ES512" => (Ec521, HashAlgorithmName.SHA512),
            _ => (Ec256, HashAlgorithmName.SHA256),
        };
        string token = Token($$"""{"alg":"{{alg}}","kid":"{{kid}}"}""", Claims(), m => ec.SignData(m, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        await AssertUser(token, "jwtuser");
    }

    [Fact]
    public async Task A_token_without_algorithm_or_with_none_is_refused()
    {
        await HttpAssert.Error(await Session(B64("""{"alg":"none"}""") + "." + B64(Claims()) + "."), HttpStatusCode.BadRequest, "bad_request", "Invalid alg header parameter");
        await HttpAssert.Error(await Session(Token("{}", Claims(), m => HMACSHA256.HashData(Secret, m))), HttpStatusCode.BadRequest,
            "bad_request", "Missing alg header parameter");
    }

    [Fact]
    public async Task Forged_signatures_are_refused()
    {
        await HttpAssert.Error(await Session(Hs(Claims(), key: RandomNumberGenerator.GetBytes(32))), HttpStatusCode.BadRequest, "bad_request", "Bad HMAC");
        using var other = RSA.Create(2048);
        string forged = Token("""{"alg":"RS256","kid":"rk"}""", Claims(), m => other.SignData(m, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        await HttpAssert.Error(await Session(forged), HttpStatusCode.BadRequest, "bad_request", "Bad signature");
        string valid = Hs(Claims());
        string swapped = valid[..valid.IndexOf('.')] + "." + B64(Claims("admin")) + valid[valid.LastIndexOf('.')..];
        await HttpAssert.Error(await Session(swapped), HttpStatusCode.BadRequest, "bad_request", "Bad HMAC");
    }

    [Fact]
    public async Task A_public_key_cannot_serve_as_an_hmac_secret()
    {
        // The classic algorithm confusion: HS256 "signed" with the RSA key's public PEM. The key type
        // follows alg, so the lookup is hmac:rk, which does not exist.
        byte[] publicPem = Encoding.UTF8.GetBytes(Rsa.ExportSubjectPublicKeyInfoPem());
        await HttpAssert.Error(await Session(Hs(Claims(), key: publicPem, extraHeader: ""","kid":"rk" """.TrimEnd())), HttpStatusCode.BadRequest,
            "bad_request", "Unknown kid");
    }

    [Fact]
    public async Task Time_claims_are_checked()
    {
        await HttpAssert.Error(await Session(Hs($$"""{"sub":"u","exp":{{Now - 10}}}""")), HttpStatusCode.Unauthorized, "unauthorized", "exp not in future");
        await HttpAssert.Error(await Session(Hs(Claims(more: $$""","nbf":{{Now + 600}}"""))), HttpStatusCode.Unauthorized, "unauthorized", "nbf not in past");
        await HttpAssert.Error(await Session(Hs(Claims(more: ""","iat":"yesterday" """.TrimEnd()))), HttpStatusCode.BadRequest, "bad_request", "Invalid iat claim");
        await HttpAssert.Error(await Session(Hs("""{"sub":"u"}""")), HttpStatusCode.BadRequest, "bad_request", "Missing exp claim");
    }

    [Fact]
    public async Task Malformed_tokens_are_refused()
    {
        await HttpAssert.Error(await Session("a.b"), HttpStatusCode.BadRequest, "bad_request", "Malformed token");
        await HttpAssert.Error(await Session(Token("""{"alg":"HS256"}""", "[1]", m => HMACSHA256.HashData(Secret, m))), HttpStatusCode.BadRequest,
            "bad_request", "Not an object");
        await HttpAssert.Error(await Session(Hs(Claims(), extraHeader: ""","typ":"JWS" """.TrimEnd())), HttpStatusCode.BadRequest,
            "bad_request", "Invalid typ header parameter");
        await HttpAssert.Error(await Session(Hs(Claims(), extraHeader: ""","kid":"nope" """.TrimEnd())), HttpStatusCode.BadRequest, "bad_request", "Unknown kid");
        await HttpAssert.Error(await Session(Hs("""{"exp":9999999999}""")), HttpStatusCode.Unauthorized, "unauthorized", "Token missing sub claim.");
        await HttpAssert.Error(await Session(Hs(Claims(more: ""","_couchdb.roles":[1]"""))), HttpStatusCode.BadRequest, "bad_request", "Malformed token");
    }

    [Fact]
    public async Task Roles_come_from_the_configured_claim()
    {
        await AssertUser(Hs(Claims(more: ""","_couchdb.roles":"x, y" """.TrimEnd())), "jwtuser", """["x","y"]""");
        await SecurityKit.Config(server, "jwt_auth", "roles_claim_path", "realm.dotted\\.key.roles");
        try
        {
            var nested = new JsonObject { ["realm"] = new JsonObject { ["dotted.key"] = new JsonObject { ["roles"] = new JsonArray("deep") } } };
            await AssertUser(Hs(Claims(more: "," + nested.ToJsonString()[1..^1])), "jwtuser", """["deep"]""");
            await HttpAssert.Error(await Session(Hs(Claims())), HttpStatusCode.NotFound, "not_found", "missing json key: realm");
        }
        finally
        {
            await SecurityKit.Config(server, "jwt_auth", "roles_claim_path", null);
        }
    }

    [Fact]
    public async Task Required_claims_and_issuer_are_enforced()
    {
        await SecurityKit.Config(server, "jwt_auth", "required_claims", "exp, iat, {iss, \"issuer-a\"}");
        try
        {
            await HttpAssert.Error(await Session(Hs(Claims())), HttpStatusCode.BadRequest, "bad_request", "Missing iss claim");
            await HttpAssert.Error(await Session(Hs(Claims(more: ""","iss":"issuer-b" """.TrimEnd()))), HttpStatusCode.BadRequest, "bad_request", "Invalid iss claim");
            await HttpAssert.Error(await Session(Hs(Claims(more: ""","iss":"issuer-a" """.TrimEnd()))), HttpStatusCode.BadRequest, "bad_request", "Missing iat claim");
            await AssertUser(Hs(Claims(more: $$""","iss":"issuer-a","iat":{{Now}}""")), "jwtuser");
            await SecurityKit.Config(server, "jwt_auth", "required_claims", "!!!");
            await HttpAssert.Error(await Session(Hs(Claims())), HttpStatusCode.InternalServerError, "misconfigured_server", "JWT is not configured correctly");
        }
        finally
        {
            await SecurityKit.Config(server, "jwt_auth", "required_claims", null);
        }
    }
}
