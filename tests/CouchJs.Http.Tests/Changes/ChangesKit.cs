using System.Net;
using System.Text;
using CouchJs.Database;

namespace CouchJs.Http.Tests.Changes;

/// <summary>What the changes tests repeat: seq strings, rows as CouchDB lays them out, bodies read as text, and live feeds read as they stream.</summary>
internal static class ChangesKit
{
    public static string Seq(long n) => Sequences.Format(n);

    public static string Row(long seq, string id, string rev, bool deleted = false) =>
        $$"""{"seq":"{{Seq(seq)}}","id":"{{id}}","changes":[{"rev":"{{rev}}"}]{{(deleted ? ",\"deleted\":true" : "")}}}""";

    /// <summary>A normal (or finished longpoll) body: rows joined by ",\r\n" inside CouchDB's line layout.</summary>
    public static string Normal(long lastSeq, long pending, params string[] rows) =>
        "{\"results\":[\n" + string.Join(",\r\n", rows) + $"\n],\n\"last_seq\":\"{Seq(lastSeq)}\",\"pending\":{pending}}}\n";

    public static async Task<string> Text(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>Starts a streaming request: returns once the headers are in.</summary>
    public static async Task<LiveFeed> Open(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new LiveFeed(response, await response.Content.ReadAsStreamAsync());
    }
}

/// <summary>A feed being read as it arrives; disposing it closes the connection (the client goes away).</summary>
internal sealed class LiveFeed(HttpResponseMessage response, Stream body) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly StringBuilder _received = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    public HttpResponseMessage Response { get; } = response;

    /// <summary>Everything read so far.</summary>
    public string Received => _received.ToString();

    /// <summary>Reads until what arrived contains <paramref name="text"/> (or fails after a while); returns all read so far.</summary>
    public async Task<string> ReadUntil(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!_received.ToString().Contains(text, StringComparison.Ordinal))
        {
            int n = await body.ReadAsync(_buffer, timeout.Token);
            if (n == 0) throw new InvalidOperationException($"the feed ended before \"{text}\"; got: {Received}");
            _received.Append(Encoding.UTF8.GetString(_buffer, 0, n));
        }
        return Received;
    }

    /// <summary>Reads to the end of the response.</summary>
    public async Task<string> ReadToEnd()
    {
        using var timeout = new CancellationTokenSource(Patience);
        int n;
        while ((n = await body.ReadAsync(_buffer, timeout.Token)) > 0) _received.Append(Encoding.UTF8.GetString(_buffer, 0, n));
        return Received;
    }

    public void Dispose()
    {
        body.Dispose();
        Response.Dispose();
    }
}
