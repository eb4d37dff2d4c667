using System.Security.Cryptography;

namespace CouchJs.Http.Multipart;

/// <summary>Multipart boundaries as CouchDB makes them (couch_uuids:random): 32 random lowercase hex chars.</summary>
public static class Boundary
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
