using CouchJs.Database.Changes;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Changes;

/// <summary>The continuous feed: one row object per line, heartbeats as empty lines, and a last <c>{"last_seq","pending"}</c> line when it ends.</summary>
internal sealed class ContinuousFeedWriter(HttpResponse response, CancellationToken aborted) : FeedWriter(response, aborted)
{
    public override void Row(in ChangeRow row)
    {
        RowObject(row);
        Raw("\n"u8);
        Sent = true;
    }

    public override void Stop(long lastSeq, long pending)
    {
        LastSeqObject(lastSeq, pending);
        Raw("\n"u8);
    }
}
