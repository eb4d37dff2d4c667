using System.Security.Cryptography;
using CouchJs.Config;

namespace CouchJs.Http.Server;

/// <summary>
/// <c>_uuids</c> and generated document ids, by <c>[uuids] algorithm</c> (couch_uuids):
/// <c>random</c> (32 random hex), <c>sequential</c> (26-hex random prefix + a 6-hex counter advanced by
/// random steps; a new prefix when it overflows), <c>utc_random</c> (14 hex of UTC microseconds + 18
/// random hex), <c>utc_id</c> (14 hex of UTC microseconds + <c>utc_id_suffix</c>).
/// </summary>
public sealed class UuidGenerator(CouchConfig config)
{
    private readonly Lock _lock = new();
    private string _prefix = RandomHex(13);
    private long _counter = Random.Shared.Next(1, 0xFFE);

    public string Algorithm => config.Get("uuids", "algorithm", "sequential");

    public string Next()
    {
        switch (Algorithm)
        {
            case "random":
                return RandomHex(16);
            case "utc_random":
                return MicrosHex() + RandomHex(9);
            case "utc_id":
                return MicrosHex() + config.Get("uuids", "utc_id_suffix", "");
            default:
                lock (_lock)
                {
                    _counter += Random.Shared.Next(1, 0xFFE);
                    if (_counter >= 0xFFF000)
                    {
                        _prefix = RandomHex(13);
                        _counter = Random.Shared.Next(1, 0xFFE);
                    }
                    return _prefix + _counter.ToString("x6");
                }
        }
    }

    private static string MicrosHex() => ((DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10).ToString("x14");

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
