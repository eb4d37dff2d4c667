using System.Text.RegularExpressions;

namespace CouchJs.Config.Tests;

/// <summary>CouchDB's admin password hashes: the exact format written, and every stored form that must verify.</summary>
public partial class PasswordHashTests
{
    [GeneratedRegex("^-pbkdf2:sha256-[0-9a-f]{64},[0-9a-f]{32},10$")]
    private static partial Regex Sha256Format();

    [Fact]
    public void HashIsCouchDb34sFormat()
    {
        string stored = PasswordHash.Hash("secret", 10);

        Assert.Matches(Sha256Format(), stored);
        Assert.True(PasswordHash.Verify("secret", stored));
        Assert.False(PasswordHash.Verify("Secret", stored));
        Assert.False(PasswordHash.Verify("", stored));
    }

    [Fact]
    public void EachHashHasItsOwnSalt() => Assert.NotEqual(PasswordHash.Hash("secret", 10), PasswordHash.Hash("secret", 10));

    [Theory]
    [InlineData("sha", 40)]
    [InlineData("sha256", 64)]
    [InlineData("sha384", 96)]
    [InlineData("sha512", 128)]
    public void KeyIsAsLongAsThePrfsOutput(string prf, int hexLength)
    {
        string stored = PasswordHash.Hash("pässword", 3, prf);

        var match = Regex.Match(stored, "^-pbkdf2:(?<prf>[a-z0-9]+)-(?<key>[0-9a-f]+),(?<salt>[0-9a-f]{32}),3$");
        Assert.True(match.Success, stored);
        Assert.Equal(prf, match.Groups["prf"].Value);
        Assert.Equal(hexLength, match.Groups["key"].Length);
        Assert.True(PasswordHash.Verify("pässword", stored));
    }

    /// <summary>
    /// Hashes made elsewhere: CouchDB's own PBKDF2 test vector (couch_passwords_tests.erl, password
    /// "password", salt "salt", 4096 iterations) in the pre-3.4 admin form; a "-pbkdf2-" admin hash
    /// from a published CouchDB how-to; 3.4-form and legacy "-hashed-" values computed with
    /// Python's hashlib, salts used as text as CouchDB does.
    /// </summary>
    [Theory]
    [InlineData("password", "-pbkdf2-4b007901b765489abead49d926f721d065a429c1,salt,4096")]
    [InlineData("notsosecurepassword", "-pbkdf2-6bb90d1d03ec4fb62afc5ef8be2edb8eaad4320c,5ffa3ff6471d4cbda5e444e5e34b1c51,10")]
    [InlineData("s3cr3t", "-pbkdf2:sha256-91b704caf407f62d397d2d449ffa1841c7784fa6b27635ddcf56459a7d38efcf,0123456789abcdef0123456789abcdef,1000")]
    [InlineData("päss", "-pbkdf2:sha512-e5aabd565bed5f8aad7b696455f144bf61b4ee489e87178fc60bb40b7d3c0ec3dc854c3f2aefa0f5708446c564c8078dd154ed64fa55524ba8874c57fa2524ab,ffeeddccbbaa99887766554433221100,50")]
    [InlineData("mysecretpassword", "-hashed-2eb2224eb9737a12c64b6f71ac10af6a062e2671,7f4a3e05e0cbc6f48a0035e3508eef90")]
    public void VerifiesHashesMadeElsewhere(string password, string stored)
    {
        Assert.True(PasswordHash.Verify(password, stored));
        Assert.False(PasswordHash.Verify(password + "x", stored));
        Assert.True(PasswordHash.IsHashed(stored));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("")]
    [InlineData("-pbkdf2:sha256-zz,salt,10")]
    [InlineData("-pbkdf2:sha256-abc,salt,10")]
    [InlineData("-pbkdf2:sha256-91b704caf407f62d397d2d449ffa1841c7784fa6b27635ddcf56459a7d38efcf,0123456789abcdef0123456789abcdef")]
    [InlineData("-pbkdf2:sha256-91b704caf407f62d397d2d449ffa1841c7784fa6b27635ddcf56459a7d38efcf,0123456789abcdef0123456789abcdef,0")]
    [InlineData("-pbkdf2:sha256-91b704caf407f62d397d2d449ffa1841c7784fa6b27635ddcf56459a7d38efcf,0123456789abcdef0123456789abcdef,x")]
    [InlineData("-pbkdf2:sha256-4b007901b765489abead49d926f721d065a429c1,salt,4096")]
    [InlineData("-pbkdf2:md5-4b007901b765489abead49d926f721d065a429c1,salt,4096")]
    [InlineData("-pbkdf2:sha224-4b007901b765489abead49d926f721d065a429c1,salt,4096")]
    [InlineData("-hashed-2eb2224eb9737a12c64b6f71ac10af6a062e2671")]
    public void RefusesWhatItCannotCheck(string stored) => Assert.False(PasswordHash.Verify("s3cr3t", stored));

    /// <summary>couch_passwords:get_unhashed_admins: these prefixes mean "already hashed".</summary>
    [Theory]
    [InlineData("-hashed-x", true)]
    [InlineData("-pbkdf2-x", true)]
    [InlineData("-pbkdf2:sha-x", true)]
    [InlineData("-pbkdf2:sha224-x", true)]
    [InlineData("-pbkdf2:sha256-x", true)]
    [InlineData("-pbkdf2:sha384-x", true)]
    [InlineData("-pbkdf2:sha512-x", true)]
    [InlineData("-pbkdf2:md5-x", false)]
    [InlineData("password", false)]
    [InlineData("", false)]
    public void RecognisesHashedValues(string value, bool hashed) => Assert.Equal(hashed, PasswordHash.IsHashed(value));

    [Fact]
    public void ParsesTheParts()
    {
        Assert.True(StoredPassword.TryParse("-pbkdf2:sha256-91b704caf407f62d397d2d449ffa1841c7784fa6b27635ddcf56459a7d38efcf,0123456789abcdef0123456789abcdef,1000", out var parsed));

        Assert.Equal(StoredPassword.Pbkdf2Scheme, parsed!.Scheme);
        Assert.Equal("sha256", parsed.Prf);
        Assert.Equal(32, parsed.Key.Length);
        Assert.Equal("0123456789abcdef0123456789abcdef", parsed.Salt);
        Assert.Equal(1000, parsed.Iterations);
    }

    [Fact]
    public void RefusesBadArguments()
    {
        Assert.Throws<ArgumentException>(() => PasswordHash.Hash("x", 10, "sha224"));
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHash.Hash("x", 0));
        Assert.False(PasswordHash.SupportsPrf("sha224"));
        Assert.True(PasswordHash.SupportsPrf("sha"));
    }
}
