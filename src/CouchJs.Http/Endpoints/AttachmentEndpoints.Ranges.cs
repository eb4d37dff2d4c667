using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using CouchJs.Database;
using CouchJs.Database.Attachments;
using CouchJs.Database.Model;
using CouchJs.Http.Multipart;
using CouchJs.Storage.Files;

namespace CouchJs.Http.Endpoints;

// Range requests: the header read as mochiweb reads it, the ranges resolved as chttpd_db:parse_ranges
// does, and the multipart/byteranges body of send_ranges_multipart.
public static partial class AttachmentEndpoints
{
    /// <summary>
    /// Fewer ranges than this are answered (one as 206, any other count as multipart, even none:
    /// <c>bytes=,</c>); more get the whole entity.
    /// </summary>
    private const int MaxRanges = 10;

    /// <summary>
    /// The inclusive byte ranges a <c>Range</c> header asks of an entity of <paramref name="length"/>
    /// bytes, in the order asked; null for "the whole entity" (no header, one mochiweb cannot parse,
    /// <c>bytes=0-</c>, or a <c>0-</c> range). A backward range is 416, as is one starting past the end.
    /// </summary>
    private static List<(long From, long To)>? ParseRanges(string? header, long length)
    {
        if (header is null || header == "bytes=0-" || !header.StartsWith("bytes=", StringComparison.Ordinal)) return null;
        var specs = new List<(long? From, long? To)>();
        foreach (string token in header["bytes=".Length..].Split(','))
        {
            string spec = token.Trim(' ');
            if (spec.Length == 0) continue;
            if (!TryParseSpec(spec, out var parsed)) return null;
            specs.Add(parsed);
        }
        var ranges = new List<(long From, long To)>(specs.Count);
        foreach (var spec in specs)
        {
            var (from, to) = spec;
            // chttpd_db:parse_ranges tries its clauses in this order, again after each rewrite; so a
            // suffix longer than the entity is first cut to length-1 and then starts at byte 1.
            while (true)
            {
                if (from == 0 && to is null) return null;
                if (from is { } f && to is { } t && t < f) throw RangeNotSatisfiable();
                if (to >= length) to = length - 1;
                else if (from is null) (from, to) = (length - to!.Value, length - 1);
                else if (to is null) to = length - 1;
                else break;
            }
            ranges.Add((from.Value, to.Value));
        }
        return ranges;
    }

    // mochiweb_http:parse_range_request for one spec: "-N" (suffix), "N-M" or "N-"; Erlang's
    // string:tokens drops empty pieces, so "5--6" is 5-6. Anything else fails the whole header.
    private static bool TryParseSpec(string spec, out (long? From, long? To) parsed)
    {
        parsed = default;
        if (spec[0] == '-')
        {
            if (!TryParseInteger(spec[1..], out long suffix)) return false;
            parsed = (null, suffix);
            return true;
        }
        string[] bounds = spec.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (bounds.Length is 0 or > 2 || !TryParseInteger(bounds[0], out long from)) return false;
        if (bounds.Length == 1)
        {
            parsed = (from, null);
            return true;
        }
        if (!TryParseInteger(bounds[1], out long to)) return false;
        parsed = (from, to);
        return true;
    }

    // list_to_integer: an optional sign, then digits.
    private static bool TryParseInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static CouchException RangeNotSatisfiable() =>
        new(416, "requested_range_not_satisfiable", "Requested range not satisfiable");

    private static string ContentRange(long from, long to, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"bytes {from}-{to}/{length}");

    /// <summary>
    /// 206 multipart/byteranges, chunked, with only its Content-Type (send_ranges_multipart): each part
    /// has the attachment's Content-Type and its Content-Range; the body ends with the closing
    /// boundary and no line break.
    /// </summary>
    private static async Task SendMultipartRanges(CouchRequest r, CouchFile file, AttachmentInfo att, List<(long From, long To)> ranges)
    {
        string boundary = Boundary.New();
        var response = r.Response;
        response.StatusCode = 206;
        response.ContentType = $"multipart/byteranges; boundary=\"{boundary}\"";
        if (IsHead(r)) return;
        var output = response.BodyWriter;
        output.Write(Encoding.ASCII.GetBytes("--" + boundary));
        foreach (var (from, to) in ranges)
        {
            output.Write(Encoding.UTF8.GetBytes($"\r\nContent-Type: {att.ContentType}\r\nContent-Range: {ContentRange(from, to, att.Length)}\r\n\r\n"));
            await WriteStored(output, file, att, from, to, r.Aborted).ConfigureAwait(false);
            output.Write(Encoding.ASCII.GetBytes("\r\n--" + boundary));
        }
        output.Write("--"u8);
        await output.FlushAsync(r.Aborted).ConfigureAwait(false);
    }

    /// <summary>Stored bytes from..to, one chunk at a time, each flushed to the client before the next is read.</summary>
    private static async Task WriteStored(PipeWriter output, CouchFile file, AttachmentInfo att, long from, long to, CancellationToken cancel)
    {
        foreach (var segment in AttachmentStore.ReadRange(file, att, from, to))
            await output.WriteAsync(segment, cancel).ConfigureAwait(false);
    }
}
