using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Documents;

/// <summary>
/// New revision ids: md5 over the edit (deleted flag, parent rev, body, attachment names and digests),
/// so the same edit made twice gets the same id, as in couch_db:new_revid.
/// </summary>
public static class RevHasher
{
    // One hasher per thread: creating one costs more than hashing a small document.
    [ThreadStatic]
    private static IncrementalHash? t_md5;

    public static string NewHash(bool deleted, Rev? parent, ReadOnlySpan<byte> body, IEnumerable<(string Name, string Digest)> attachments)
    {
        var md5 = t_md5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Span<byte> scratch = stackalloc byte[9];
        scratch[0] = deleted ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(scratch[1..], parent?.Pos ?? 0);
        md5.AppendData(scratch);
        md5.AppendData(Encoding.UTF8.GetBytes(parent?.Hash ?? ""));
        md5.AppendData(body);
        foreach (var (name, digest) in attachments)
        {
            md5.AppendData(Encoding.UTF8.GetBytes(name));
            md5.AppendData(Encoding.UTF8.GetBytes(digest));
        }
        Span<byte> hash = stackalloc byte[16];
        md5.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash);
    }
}
