using CouchJs.Database.Changes;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Changes;

/// <summary>
/// The normal and longpoll feeds: one JSON object laid out line by line as chttpd writes it,
/// <c>{"results":[\n</c>, rows separated by <c>,\r\n</c>, then
/// <c>\n],\n"last_seq":…,"pending":N}\n</c>. Heartbeats are bare newlines inside the array.
/// </summary>
internal sealed class JsonFeedWriter(HttpResponse response, CancellationToken aborted) : FeedWriter(response, aborted)
{
    private bool _rows;

    public override void Start() => Raw("{\"results\":[\n"u8);

    public override void Row(in ChangeRow row)
    {
        if (_rows) Raw(",\r\n"u8);
        _rows = true;
        Sent = true;
        RowObject(row);
    }

    public override void Stop(long lastSeq, long pending)
    {
        Raw("\n],\n\"last_seq\":"u8);
        SeqValue(lastSeq);
        Raw(",\"pending\":"u8);
        Span<byte> digits = stackalloc byte[20];
        pending.TryFormat(digits, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        Raw(digits[..n]);
        Raw("}\n"u8);
    }
}
