using System.Buffers;
using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.DesignFunctions.Lists;
using CouchJs.DesignFunctions.Responses;
using CouchJs.Http.Responses;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.DesignFunctions;

/// <summary>
/// Streams a list's answers (couch_mrview_show: fixup_headers, send_non_empty_chunk, last_chunk):
/// every answer that carries a response object sets the code and headers (its ETag and Vary are the
/// server's; Content-Type defaults to application/json, then the show/list Content-Security-Policy),
/// which count until the first non-empty chunks start the chunked response. A list that sent nothing
/// at all ends as a bare empty 200. An error after the start is appended as a JSON line
/// (chttpd:send_chunked_error); before it, it starts the response with the error's status.
/// </summary>
internal sealed class ListResponseWriter(CouchRequest r, string etag)
{
    private const int FlushThreshold = 16 * 1024;

    private int _code = 200;
    private IReadOnlyList<KeyValuePair<string, string>> _headers = [];
    private string _contentType = CouchHeaders.JsonType;
    private bool _started;

    public async Task Apply(ListStep step)
    {
        if (step.Response is { } response) FixupHeaders(response);
        if (step.Chunks.Count == 0) return;
        if (!_started) Start(_code);
        if (HttpMethods.IsHead(r.Method)) return;
        var body = r.Response.BodyWriter;
        foreach (string chunk in step.Chunks) Encoding.UTF8.GetBytes(chunk, body);
        // Chunks go out as they come, a buffer's worth at a time: a write per row would cost a send per row.
        if (body.UnflushedBytes >= FlushThreshold) await body.FlushAsync(r.Aborted).ConfigureAwait(false);
    }

    public async Task Finish()
    {
        if (!_started)
        {
            // last_chunk(Req, undefined): chttpd:send_response(Req, 200, [], <<>>).
            r.Response.StatusCode = 200;
            r.Response.ContentLength = 0;
            return;
        }
        await r.Response.CompleteAsync().ConfigureAwait(false);
    }

    public async Task Fail(CouchException error)
    {
        if (!_started) Start(error.Status);
        if (!HttpMethods.IsHead(r.Method))
        {
            var body = r.Response.BodyWriter;
            body.Write("\n"u8);
            using (var w = new Utf8JsonWriter(body, CouchJson.WriterOptions))
            {
                w.WriteStartObject();
                w.WriteNumber("code", error.Status);
                w.WriteString("error", error.Error);
                error.WriteReason(w);
                w.WriteEndObject();
            }
            body.Write("\n"u8);
        }
        await r.Response.CompleteAsync().ConfigureAwait(false);
    }

    private void FixupHeaders(JsonElement responseObject)
    {
        var response = FunctionResponse.Parse(responseObject);
        response.SetHeader("ETag", etag);
        response.SetHeader("Vary", "Accept");
        _code = response.Code;
        _headers = response.Headers;
        _contentType = response.ContentType;
    }

    private void Start(int status)
    {
        _started = true;
        var http = r.Response;
        http.StatusCode = status;
        FunctionResponseWriter.AddShowListPolicy(http, r.Services.Config);
        FunctionResponseWriter.ApplyHeaders(http, _headers);
        http.ContentType = _contentType;
    }
}
