using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Attachments;

/// <summary>What the attachment tests repeat: raw-body PUTs, ETags of data, reading bodies as bytes.</summary>
internal static class AttachmentKit
{
    /// <summary>CouchDB's attachment_ranges test entity: 29 bytes stored as identity.</summary>
    public const string Text = "This is a base64 encoded text";

    public static ByteArrayContent Body(byte[] data, string? contentType)
    {
        var content = new ByteArrayContent(data);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>PUTs an attachment that must be created; returns the new rev.</summary>
    public static async Task<string> Put(HttpClient client, string path, byte[] data, string? contentType = "application/octet-stream")
    {
        var body = await HttpAssert.Json(await client.PutAsync(path, Body(data, contentType)), HttpStatusCode.Created);
        return (string)body!["rev"]!;
    }

    public static Task<HttpResponseMessage> Get(HttpClient client, string path, Action<HttpRequestHeaders>? headers = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        headers?.Invoke(request.Headers);
        return client.SendAsync(request);
    }

    /// <summary>The ETag CouchDB gives an attachment: its md5, base64, quoted.</summary>
    public static string Etag(byte[] data) => "\"" + Convert.ToBase64String(MD5.HashData(data)) + "\"";

    public static string Digest(byte[] data) => "md5-" + Convert.ToBase64String(MD5.HashData(data));

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";
}
