using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Changes;
using CouchJs.Database.Revisions;
using CouchJs.Http.Responses;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Changes;

/// <summary>
/// Writes a changes feed into the response pipe: the feed's framing (subclasses, as chttpd_db's
/// changes_callback lays it out), and rows as <c>{"seq","id","changes","deleted"?,"doc"?}</c> through
/// one reused Utf8JsonWriter. Output goes to the client every ~64 KB and whenever the feed waits.
/// </summary>
internal abstract class FeedWriter(HttpResponse response, CancellationToken aborted)
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Utf8JsonWriter _json = new(response.BodyWriter, CouchJson.WriterOptions);
    private long _buffered;

    /// <summary>Something went out after the start (a row, a heartbeat): chttpd's chunks_sent &gt; 0.</summary>
    protected bool Sent { get; set; }

    protected PipeWriter Pipe { get; } = response.BodyWriter;

    public static FeedWriter For(FeedKind feed, HttpResponse response, CancellationToken aborted) => feed switch
    {
        FeedKind.Continuous => new ContinuousFeedWriter(response, aborted),
        FeedKind.EventSource => new EventSourceFeedWriter(response, aborted),
        _ => new JsonFeedWriter(response, aborted),
    };

    /// <summary>Status and headers, written before the body starts.</summary>
    public virtual void Headers() => CouchHeaders.Apply(response);

    public virtual void Start()
    {
    }

    public abstract void Row(in ChangeRow row);

    public virtual void Heartbeat()
    {
        Raw("\n"u8);
        Sent = true;
    }

    public abstract void Stop(long lastSeq, long pending);

    /// <summary>Before the feed waits: out with what is buffered; a feed that sent nothing yet sends a newline (headers reach the client).</summary>
    public ValueTask WaitingForUpdates()
    {
        if (!Sent) Raw("\n"u8);
        Sent = true;
        return Flush();
    }

    public ValueTask FlushIfFull() => _buffered >= FlushThreshold ? Flush() : ValueTask.CompletedTask;

    public async ValueTask Flush()
    {
        _buffered = 0;
        var result = await Pipe.FlushAsync(aborted).ConfigureAwait(false);
        if (result.IsCompleted || result.IsCanceled) throw new OperationCanceledException(aborted);
    }

    protected void Raw(ReadOnlySpan<byte> bytes)
    {
        Pipe.Write(bytes);
        _buffered += bytes.Length;
    }

    /// <summary>The row object, in couch_changes' member order.</summary>
    protected void RowObject(in ChangeRow row)
    {
        var w = _json;
        w.Reset();
        w.WriteStartObject();
        WriteSeq(w, "seq"u8, row.ShowSeq ? row.Seq : null);
        w.WriteString("id"u8, row.Id);
        w.WriteStartArray("changes"u8);
        foreach (var leaf in row.Changes.Span)
        {
            w.WriteStartObject();
            w.WritePropertyName("rev"u8);
            WriteRev(w, leaf.Rev);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (row.Deleted) w.WriteBoolean("deleted"u8, true);
        if (row.Doc is { } doc)
        {
            w.WritePropertyName("doc"u8);
            w.WriteRawValue(doc, skipInputValidation: true);
        }
        w.WriteEndObject();
        Flushed(w);
    }

    /// <summary>A seq as a JSON value on its own (a string, or null when seq_interval hides it).</summary>
    protected void SeqValue(long? seq)
    {
        var w = _json;
        w.Reset();
        if (seq is { } n) WriteSeqString(w, n);
        else w.WriteNullValue();
        Flushed(w);
    }

    /// <summary>The <c>{"last_seq":…,"pending":N}</c> object.</summary>
    protected void LastSeqObject(long lastSeq, long pending)
    {
        var w = _json;
        w.Reset();
        w.WriteStartObject();
        WriteSeq(w, "last_seq"u8, lastSeq);
        w.WriteNumber("pending"u8, pending);
        w.WriteEndObject();
        Flushed(w);
    }

    private void Flushed(Utf8JsonWriter w)
    {
        w.Flush();
        _buffered += w.BytesCommitted;
    }

    private static void WriteSeq(Utf8JsonWriter w, ReadOnlySpan<byte> name, long? seq)
    {
        w.WritePropertyName(name);
        if (seq is { } n) WriteSeqString(w, n);
        else w.WriteNullValue();
    }

    private static void WriteSeqString(Utf8JsonWriter w, long seq)
    {
        Span<byte> text = stackalloc byte[Sequences.MaxUtf8Length];
        w.WriteStringValue(text[..Sequences.FormatUtf8(seq, text)]);
    }

    // "pos-hash" without allocating a string per row.
    private static void WriteRev(Utf8JsonWriter w, Rev rev)
    {
        const int MaxStackChars = 96;
        if (rev.Hash.Length > MaxStackChars - 21)
        {
            w.WriteStringValue(rev.ToString());
            return;
        }
        Span<char> text = stackalloc char[MaxStackChars];
        rev.Pos.TryFormat(text, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        text[n++] = '-';
        rev.Hash.CopyTo(text[n..]);
        w.WriteStringValue(text[..(n + rev.Hash.Length)]);
    }
}
