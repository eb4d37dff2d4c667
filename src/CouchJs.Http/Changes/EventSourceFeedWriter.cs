using CouchJs.Database.Changes;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Changes;

/// <summary>
/// The eventsource feed (text/event-stream): each row is <c>data: {row}\nid: "seq"\n\n</c> (the id is
/// the seq as JSON, so a reconnecting browser's Last-Event-ID parses back), heartbeats are
/// <c>heartbeat</c> events, and the end writes nothing more.
/// </summary>
internal sealed class EventSourceFeedWriter(HttpResponse response, CancellationToken aborted) : FeedWriter(response, aborted)
{
    private readonly HttpResponse _response = response;

    public override void Headers()
    {
        _response.Headers.ContentType = "text/event-stream";
        _response.Headers.CacheControl = "no-cache";
    }

    public override void Row(in ChangeRow row)
    {
        Raw("data: "u8);
        RowObject(row);
        Raw("\nid: "u8);
        SeqValue(row.ShowSeq ? row.Seq : null);
        Raw("\n\n"u8);
        Sent = true;
    }

    public override void Heartbeat()
    {
        Raw("event: heartbeat\ndata: \n\n"u8);
        Sent = true;
    }

    public override void Stop(long lastSeq, long pending)
    {
    }
}
