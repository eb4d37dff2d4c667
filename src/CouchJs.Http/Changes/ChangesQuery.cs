using System.Globalization;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Changes;
using CouchJs.Database.Documents;

namespace CouchJs.Http.Changes;

internal enum FeedKind { Normal, LongPoll, Continuous, EventSource }

/// <summary>
/// A <c>_changes</c> request's parameters as chttpd_db:parse_changes_query reads them: booleans are
/// on only when <c>"true"</c>, numbers must be integers, <c>heartbeat</c> and <c>seq_interval</c>
/// positive. <see cref="Timeout"/> is how long a live feed waits for a change before it ends, or,
/// with <see cref="Heartbeat"/>, before it sends a heartbeat and waits again.
/// </summary>
internal sealed record ChangesQuery(FeedKind Feed, string Since, ChangesOptions Options, bool Heartbeat, TimeSpan Timeout)
{
    public static ChangesQuery Parse(CouchRequest r, CouchDatabase db, JsonElement? body)
    {
        bool descending = r.Query("descending") == "true";
        long? limit = r.Long("limit");
        var style = StyleOf(r.Query("style"));
        long? heartbeat = Heartbeats(r.Query("heartbeat"));
        long? timeout = r.Long("timeout");
        bool includeDocs = r.Query("include_docs") == "true";
        var docOptions = new DocRenderOptions
        {
            Conflicts = r.Query("conflicts") == "true",
            Attachments = r.Query("attachments") == "true",
            AttEncodingInfo = r.Query("att_encoding_info") == "true",
        };
        long? seqInterval = SeqInterval(r.Query("seq_interval"));
        var filter = ChangesFilters.Parse(r, db, body);
        var feed = FeedOf(r.Query("feed"));
        var options = new ChangesOptions
        {
            Descending = descending,
            Limit = limit ?? ChangesOptions.DefaultLimit,
            Style = style,
            Filter = filter,
            IncludeDocs = includeDocs,
            DocOptions = docOptions,
            SeqInterval = seqInterval,
        };
        return new ChangesQuery(feed, SinceText(r, feed), options, heartbeat is not null, WaitTime(r, heartbeat, timeout));
    }

    /// <summary>The seq to start after: <c>now</c> is the database's seq at the start of the feed.</summary>
    public long ResolveSince(long updateSeq)
    {
        if (Since == "now") return updateSeq;
        string text = Since.Length >= 2 && Since[0] == '"' && Since[^1] == '"' ? Since[1..^1] : Since;
        return Sequences.TryParse(text) ?? throw CouchException.BadRequest("Malformed sequence supplied in 'since' parameter.");
    }

    private static FeedKind FeedOf(string? value) => value switch
    {
        null or "normal" => FeedKind.Normal,
        "longpoll" => FeedKind.LongPoll,
        "continuous" or "live" => FeedKind.Continuous,
        "eventsource" => FeedKind.EventSource,
        _ => throw CouchException.BadRequest("Supported `feed` types: normal, continuous, live, longpoll, eventsource"),
    };

    // CouchDB takes any existing atom and fails later on styles it does not know; CouchJs says so up front.
    private static ChangesStyle StyleOf(string? value) => value switch
    {
        null or "main_only" => ChangesStyle.MainOnly,
        "all_docs" => ChangesStyle.AllDocs,
        _ => throw CouchException.BadRequest("Invalid `style`: must be main_only or all_docs."),
    };

    // true: the default interval; else a positive number of milliseconds.
    private static long? Heartbeats(string? value)
    {
        if (value is null) return null;
        if (value == "true") return 0;
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms))
            throw CouchException.BadRequest("Invalid heartbeat value. Expecting a positive integer value (in milliseconds).");
        return ms > 0 ? ms : throw CouchException.BadRequest("The heartbeat value should be a positive integer (in milliseconds).");
    }

    private static long? SeqInterval(string? value)
    {
        if (value is null) return null;
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) && n > 0
            ? n
            : throw CouchException.BadRequest("invalid_seq_interval");
    }

    // couch_changes:get_changes_timeout: [chttpd] changes_timeout caps both the timeout and the heartbeat.
    private static TimeSpan WaitTime(CouchRequest r, long? heartbeat, long? timeout)
    {
        long cap = r.Services.Config.GetLong("chttpd", "changes_timeout", 60_000);
        long ms = heartbeat is { } beat ? (beat == 0 ? cap : Math.Min(cap, beat)) : Math.Min(cap, timeout ?? cap);
        return TimeSpan.FromMilliseconds(Math.Max(0, ms));
    }

    // since, or its alias last-event-id; an EventSource reconnecting sends Last-Event-ID, which wins.
    private static string SinceText(CouchRequest r, FeedKind feed)
    {
        if (feed == FeedKind.EventSource && r.Http.Headers["Last-Event-ID"] is [{ } header]) return header;
        return r.Query("last-event-id") ?? r.Query("since") ?? "0";
    }
}
