using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CouchJs.Database;

namespace CouchJs.Http.Auth.Jwt;

/// <summary>
/// jwtf:decode: a compact JWS (<c>header.payload.signature</c>) checked the way CouchDB checks it, with
/// its reasons: three parts, a JSON object header with a supported <c>alg</c> (HS/RS/ES 256/384/512;
/// <c>none</c> is refused) and <c>typ</c> <c>JWT</c> when present, a JSON object payload whose
/// <c>iss</c>, <c>iat</c>, <c>nbf</c> and <c>exp</c> are valid when present and present when required,
/// then the key and the signature. Malformed input is 400 <c>bad_request</c>; a token outside its
/// validity period is 401 <c>unauthorized</c>.
/// </summary>
public static class JwtToken
{
    /// <summary>The payload's claims once every check passed.</summary>
    public static JsonElement Decode(string token, RequiredClaims required, JwtKeys keys, long nowSeconds)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3) throw BadRequest("Malformed token");
        using var header = ObjectPart(parts[0]);
        CheckHeader(header.RootElement, required);
        var payload = ObjectPart(parts[1]);
        try
        {
            CheckPayload(payload.RootElement, required, nowSeconds);
            var head = header.RootElement;
            string alg = head.GetProperty("alg").GetString()!;
            string? kid = head.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            if (kid is null && required.Requires("kid")) throw BadRequest("Missing kid claim");
            Verify(alg, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), parts[2], keys.Get(alg, kid));
            return payload.RootElement.Clone();
        }
        finally
        {
            payload.Dispose();
        }
    }

    private static JsonDocument ObjectPart(string part)
    {
        JsonDocument? json = null;
        try
        {
            json = Base64Url.Decode(part) is { } bytes ? JsonDocument.Parse(bytes) : null;
        }
        catch (JsonException)
        {
            json = null;
        }
        if (json is null) throw BadRequest("Malformed token");
        if (json.RootElement.ValueKind == JsonValueKind.Object) return json;
        json.Dispose();
        throw BadRequest("Not an object");
    }

    private static void CheckHeader(JsonElement header, RequiredClaims required)
    {
        if (header.TryGetProperty("typ", out var typ) && !(typ.ValueKind == JsonValueKind.String && typ.GetString() == "JWT"))
            throw BadRequest("Invalid typ header parameter");
        if (!header.TryGetProperty("typ", out _) && required.Requires("typ")) throw BadRequest("Missing typ header parameter");
        if (!header.TryGetProperty("alg", out var alg)) throw BadRequest("Missing alg header parameter");
        if (alg.ValueKind != JsonValueKind.String || Algorithm(alg.GetString()!) is null) throw BadRequest("Invalid alg header parameter");
    }

    private static void CheckPayload(JsonElement claims, RequiredClaims required, long now)
    {
        bool hasIss = claims.TryGetProperty("iss", out var iss);
        if (required.Issuer is { } issuer)
        {
            if (!hasIss) throw BadRequest("Missing iss claim");
            if (iss.ValueKind != JsonValueKind.String || iss.GetString() != issuer) throw BadRequest("Invalid iss claim");
        }
        else if (!hasIss && required.Requires("iss")) throw BadRequest("Missing iss claim");
        if (claims.TryGetProperty("iat", out var iat))
        {
            if (iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out _)) throw BadRequest("Invalid iat claim");
        }
        else if (required.Requires("iat")) throw BadRequest("Missing iat claim");
        if (claims.TryGetProperty("nbf", out var nbf))
        {
            if (!(nbf.ValueKind == JsonValueKind.Number && nbf.GetDouble() < now)) throw Unauthorized("nbf not in past");
        }
        else if (required.Requires("nbf")) throw BadRequest("Missing nbf claim");
        if (claims.TryGetProperty("exp", out var exp))
        {
            if (!(exp.ValueKind == JsonValueKind.Number && exp.GetDouble() > now)) throw Unauthorized("exp not in future");
        }
        else if (required.Requires("exp")) throw BadRequest("Missing exp claim");
    }

    private static void Verify(string alg, byte[] message, string signaturePart, object key)
    {
        byte[] signature = Base64Url.Decode(signaturePart) ?? throw BadRequest("Malformed token");
        var hash = Algorithm(alg)!.Value;
        bool valid;
        switch (alg[0], key)
        {
            case ('H', byte[] secret):
                byte[] mac = hash == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(secret, message)
                    : hash == HashAlgorithmName.SHA384 ? HMACSHA384.HashData(secret, message)
                    : HMACSHA512.HashData(secret, message);
                if (!CryptographicOperations.FixedTimeEquals(mac, signature)) throw BadRequest("Bad HMAC");
                return;
            // Keys are shared between requests and these objects promise no thread safety.
            case ('R', RSA rsa):
                lock (rsa) valid = rsa.VerifyData(message, signature, hash, RSASignaturePadding.Pkcs1);
                break;
            case ('E', ECDsa ec):
                // RFC 7518 sends r||s; a DER signature (what Erlang's public_key makes) is accepted too.
                lock (ec)
                    valid = ec.VerifyData(message, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                        || ec.VerifyData(message, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                break;
            default:
                throw BadRequest("Bad signature");
        }
        if (!valid) throw BadRequest("Bad signature");
    }

    private static HashAlgorithmName? Algorithm(string alg) => alg switch
    {
        "HS256" or "RS256" or "ES256" => HashAlgorithmName.SHA256,
        "HS384" or "RS384" or "ES384" => HashAlgorithmName.SHA384,
        "HS512" or "RS512" or "ES512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    private static CouchException BadRequest(string reason) => CouchException.BadRequest(reason);

    private static CouchException Unauthorized(string reason) => new(401, "unauthorized", reason);
}
