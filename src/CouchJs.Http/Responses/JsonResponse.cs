using CouchJs.Database;
using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Responses;

/// <summary>Writes JSON responses straight into the response body pipe.</summary>
public static class JsonResponse
{
    public static async Task Write(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var response = context.Response;
        response.StatusCode = status;
        CouchHeaders.Apply(response);
        if (HttpMethods.IsHead(context.Request.Method)) return;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, CouchJson.WriterOptions))
        {
            write(writer);
        }
        response.BodyWriter.Write("\n"u8);
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes prepared JSON bytes (a document, a stored object) with a trailing newline.</summary>
    public static async Task WriteRaw(HttpContext context, int status, ReadOnlyMemory<byte> json)
    {
        var response = context.Response;
        response.StatusCode = status;
        CouchHeaders.Apply(response);
        response.ContentLength = json.Length + 1;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        response.BodyWriter.Write(json.Span);
        response.BodyWriter.Write("\n"u8);
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static Task Ok(HttpContext context, int status = 200) => Write(context, status, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", true);
        w.WriteEndObject();
    });

    /// <summary><c>batch=ok</c>'s answer: 202 <c>{"ok":true,"id":…}</c>, before the write is durable.</summary>
    public static Task Accepted(HttpContext context, string id) => Write(context, 202, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", true);
        w.WriteString("id", id);
        w.WriteEndObject();
    });

    public static Task Error(HttpContext context, int status, CouchException error) => Write(context, status, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", error.Error);
        error.WriteReason(w);
        w.WriteEndObject();
    });
}
