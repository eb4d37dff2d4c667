using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Changes.ChangesKit;

namespace CouchJs.Http.Tests.Changes;

// The feeds that wait: what they send while waiting, when they end, and what their last words are.
public sealed class ChangesLiveFeedTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Longpoll_returns_at_once_when_there_are_changes()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a");
        Assert.Equal(Normal(1, 0, Row(1, "a", revs["a"])), await Text(await Client.GetAsync(db + "/_changes?feed=longpoll")));
    }

    [Fact]
    public async Task Longpoll_waits_for_a_write_then_ends()
    {
        string db = await TestDb.Create(Client);
        using var feed = await Open(Client, db + "/_changes?feed=longpoll&since=now");
        // Waiting, the feed has sent its opening and one newline (so the headers got out).
        Assert.Equal("{\"results\":[\n\n", await feed.ReadUntil("[\n\n"));
        var revs = await TestDb.Put(Client, db, "a");
        // The wake-up sends a heartbeat newline before the rows, as CouchDB's does.
        Assert.Equal("{\"results\":[\n\n\n" + Row(1, "a", revs["a"]) + $"\n],\n\"last_seq\":\"{Seq(1)}\",\"pending\":0}}\n",
            await feed.ReadToEnd());
    }

    [Fact]
    public async Task Longpoll_timeout_ends_with_no_results()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        Assert.Equal($"{{\"results\":[\n\n\n],\n\"last_seq\":\"{Seq(1)}\",\"pending\":0}}\n",
            await Text(await Client.GetAsync(db + "/_changes?feed=longpoll&since=now&timeout=100")));
    }

    [Fact]
    public async Task Continuous_sends_a_line_per_change_and_ends_on_timeout_with_last_seq()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b");
        var response = await Client.GetAsync(db + "/_changes?feed=continuous&timeout=100");
        Assert.Equal($"{Row(1, "a", revs["a"])}\n{Row(2, "b", revs["b"])}\n{{\"last_seq\":\"{Seq(2)}\",\"pending\":0}}\n", await Text(response));
        HttpAssert.CouchHeaders(response);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Continuous_with_a_limit_ends_when_it_is_used_up()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b", "c");
        Assert.Equal($"{Row(1, "a", revs["a"])}\n{{\"last_seq\":\"{Seq(1)}\",\"pending\":2}}\n",
            await Text(await Client.GetAsync(db + "/_changes?feed=live&limit=1")));
    }

    [Fact]
    public async Task Continuous_with_heartbeat_sends_blank_lines_and_new_changes_as_they_come()
    {
        string db = await TestDb.Create(Client);
        using var feed = await Open(Client, db + "/_changes?feed=continuous&since=now&heartbeat=50&timeout=100");
        // The first newline goes out when the feed starts waiting, then one per heartbeat; the timeout does not end it.
        await feed.ReadUntil("\n\n\n\n\n");
        Assert.Equal("", feed.Received.Trim('\n'));
        var revs = await TestDb.Put(Client, db, "a");
        string row = Row(1, "a", revs["a"]) + "\n";
        Assert.Equal("", (await feed.ReadUntil(row)).Replace(row, "").Trim('\n'));
    }

    [Fact]
    public async Task Continuous_stays_open_across_writes_until_the_timeout()
    {
        string db = await TestDb.Create(Client);
        using var feed = await Open(Client, db + "/_changes?feed=continuous&since=now&timeout=3000");
        await feed.ReadUntil("\n");
        var a = await TestDb.Put(Client, db, "a");
        await feed.ReadUntil(Row(1, "a", a["a"]) + "\n");
        var b = await TestDb.Put(Client, db, "b");
        await feed.ReadUntil(Row(2, "b", b["b"]) + "\n");
        Assert.Equal($"\n\n{Row(1, "a", a["a"])}\n\n{Row(2, "b", b["b"])}\n{{\"last_seq\":\"{Seq(2)}\",\"pending\":0}}\n", await feed.ReadToEnd());
    }

    [Fact]
    public async Task Deleting_the_database_ends_a_continuous_feed()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        using var feed = await Open(Client, db + "/_changes?feed=continuous&since=now");
        await feed.ReadUntil("\n");
        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteAsync(db)).StatusCode);
        Assert.Equal($"\n{{\"last_seq\":\"{Seq(1)}\",\"pending\":0}}\n", await feed.ReadToEnd());
    }

    [Fact]
    public async Task Eventsource_sends_events_with_the_seq_as_id()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b");
        var response = await Client.GetAsync(db + "/_changes?feed=eventsource&timeout=100");
        Assert.Equal(
            $"data: {Row(1, "a", revs["a"])}\nid: \"{Seq(1)}\"\n\ndata: {Row(2, "b", revs["b"])}\nid: \"{Seq(2)}\"\n\n",
            await Text(response));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Eventsource_heartbeats_are_heartbeat_events()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a");
        using var feed = await Open(Client, db + "/_changes?feed=eventsource&heartbeat=50");
        string heartbeat = "event: heartbeat\ndata: \n\n";
        Assert.StartsWith($"data: {Row(1, "a", revs["a"])}\nid: \"{Seq(1)}\"\n\n{heartbeat}{heartbeat}", await feed.ReadUntil(heartbeat + heartbeat));
    }

    [Fact]
    public async Task Eventsource_resumes_after_last_event_id()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b");
        using var request = new HttpRequestMessage(HttpMethod.Get, db + "/_changes?feed=eventsource&timeout=50");
        request.Headers.Add("Last-Event-ID", $"\"{Seq(1)}\"");
        Assert.Equal($"data: {Row(2, "b", revs["b"])}\nid: \"{Seq(2)}\"\n\n", await Text(await Client.SendAsync(request)));
    }

    [Fact]
    public async Task A_client_that_goes_away_ends_its_feed()
    {
        string db = await TestDb.Create(Client);
        for (int i = 0; i < 20; i++)
        {
            using var feed = await Open(Client, db + "/_changes?feed=continuous&heartbeat=10");
            await feed.ReadUntil("\n");
        }
        await TestDb.Put(Client, db, "a");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(db + "/_changes")).StatusCode);
    }
}
