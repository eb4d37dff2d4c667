using System.Buffers;

namespace CouchJs.Http.Auth;

/// <summary>couch_util's base64url: the URL alphabet, no padding written, padding optional when read.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>The decoded bytes, or null when <paramref name="text"/> is no base64url.</summary>
    public static byte[]? Decode(string text)
    {
        string trimmed = text.TrimEnd('=');
        if (!System.Buffers.Text.Base64Url.IsValid(trimmed, out int length)) return null;
        byte[] bytes = new byte[length];
        return System.Buffers.Text.Base64Url.DecodeFromChars(trimmed, bytes, out _, out int written) == OperationStatus.Done
            ? bytes[..written]
            : null;
    }
}
