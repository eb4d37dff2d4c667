using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;
using CouchJs.Server;

namespace CouchJs.Http.Tests.Durability;

/// <summary>32 clients write for 10 s; after a restart every write that got a 201 is there, at its rev.</summary>
public sealed class ConcurrentWritersTests
{
    [Fact]
    public async Task Every_acknowledged_write_survives_a_restart()
    {
        var server = new CouchServer();
        await server.InitializeAsync();
        var acknowledged = new ConcurrentDictionary<string, string>();
        try
        {
            const string db = "durable";
            Assert.Equal(HttpStatusCode.Created, (await server.Client.PutAsync(db, null)).StatusCode);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var writers = Enumerable.Range(0, 32).Select(w => Task.Run(async () =>
            {
                using var client = server.NewClient(authenticated: true);
                for (int i = 0; !stop.IsCancellationRequested; i++)
                {
                    string id = $"w{w:D2}-{i:D6}";
                    var body = new StringContent($$"""{"_id":"{{id}}","writer":{{w}},"n":{{i}}}""", Encoding.UTF8, "application/json");
                    var response = await client.PostAsync(db, body);
                    if (response.StatusCode != HttpStatusCode.Created) continue;
                    var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    acknowledged[id] = (string)reply["rev"]!;
                }
            })).ToList();
            await Task.WhenAll(writers);
            Assert.True(acknowledged.Count > 1000, $"only {acknowledged.Count} writes were acknowledged");
        }
        finally
        {
            // Stop the server without deleting its data, then start a new one on the same directory.
            await server.StopAsync();
        }

        var again = CouchHost.Build(new CouchHostOptions(server.DataDir, 0, "127.0.0.1"), CouchServer.Environment);
        await again.StartAsync();
        try
        {
            var dbs = again.Services.Databases;
            using var reader = dbs.Open("durable").OpenReader();
            Assert.Equal(acknowledged.Count, reader.Counts.DocCount);
            var ids = acknowledged.Keys.ToList();
            var infos = reader.Get(ids);
            for (int i = 0; i < ids.Count; i++)
                Assert.True(infos[i]?.Winner.Rev.ToString() == acknowledged[ids[i]], $"{ids[i]} lost or at the wrong rev");
        }
        finally
        {
            await again.DisposeAsync();
            Directory.Delete(server.DataDir, recursive: true);
        }
    }
}
