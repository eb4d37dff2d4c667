using System.Security.Cryptography;
using System.Text;

namespace CouchJs.Views.Design;

/// <summary>
/// The index signature (couch_mrview_util:ddoc_to_mrst's sig): md5 over exactly what the index
/// content depends on — every view tree (map source, view options, names, reduce sources), the
/// language, the design options and the sorted <c>views.lib</c>. Anything else in the design doc
/// (shows, filters, autoupdate, its id, a COPY) keeps the signature, so the index is reused.
/// </summary>
internal static class ViewSignature
{
    public static string Compute(IReadOnlyList<ViewDefinition> views, string language, byte[] options, byte[] lib)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Count(md5, views.Count);
        foreach (var view in views)
        {
            Text(md5, view.MapSource);
            Bytes(md5, view.Options);
            Count(md5, view.MapNames.Count);
            foreach (string name in view.MapNames) Text(md5, name);
            Count(md5, view.Reduces.Count);
            foreach (var reduce in view.Reduces)
            {
                Text(md5, reduce.Name);
                Text(md5, reduce.Source);
            }
        }
        Text(md5, language);
        Bytes(md5, options);
        Bytes(md5, lib);
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    // Every field is length-prefixed, so no two different inputs frame to the same bytes.
    private static void Count(IncrementalHash md5, int n)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, n);
        md5.AppendData(bytes);
    }

    private static void Bytes(IncrementalHash md5, ReadOnlySpan<byte> bytes)
    {
        Count(md5, bytes.Length);
        md5.AppendData(bytes);
    }

    private static void Text(IncrementalHash md5, string text) => Bytes(md5, Encoding.UTF8.GetBytes(text));
}
