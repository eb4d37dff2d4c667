using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CouchJs.Database.Users;

/// <summary>
/// A user document's <c>totp</c> member (<c>key</c> in base32, <c>algorithm</c> sha | sha256 | sha512,
/// <c>length</c> of the code): its holder logs in through <c>_session</c> with a <c>token</c> besides the
/// password, and never with Basic auth. Codes are RFC 6238's with 30-second steps; the previous, current
/// and next step are accepted, each compared in constant time (couch_httpd_auth:verify_totp).
/// </summary>
public sealed record TotpSettings(string Key, string Algorithm, int Length)
{
    private const int StepSeconds = 30;

    public static TotpSettings From(JsonElement totp) => new(
        totp.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "",
        totp.TryGetProperty("algorithm", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "sha",
        totp.TryGetProperty("length", out var l) && l.TryGetInt32(out int n) ? n : 6);

    public bool Verify(string token, long unixSeconds)
    {
        if (Base32(Key) is not { } key || Length is < 1 or > 9) return false;
        bool match = false;
        for (long t = unixSeconds - StepSeconds; t <= unixSeconds + StepSeconds; t += StepSeconds)
            match |= CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, t / StepSeconds)), System.Text.Encoding.ASCII.GetBytes(token));
        return match;
    }

    /// <summary>The code of one 30-second step (HOTP, RFC 4226), zero-padded to <see cref="Length"/>.</summary>
    public string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        byte[] mac = Algorithm switch
        {
            "sha256" => HMACSHA256.HashData(key, counter),
            "sha512" => HMACSHA512.HashData(key, counter),
            _ => HMACSHA1.HashData(key, counter),
        };
        int offset = mac[^1] & 0x0f;
        int binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        int modulus = (int)Math.Pow(10, Length);
        return (binary % modulus).ToString(CultureInfo.InvariantCulture).PadLeft(Length, '0');
    }

    /// <summary>RFC 4648 base32 (upper case, padding optional); null when not base32.</summary>
    public static byte[]? Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (char c in text.TrimEnd('='))
        {
            int value = Alphabet.IndexOf(c);
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}
