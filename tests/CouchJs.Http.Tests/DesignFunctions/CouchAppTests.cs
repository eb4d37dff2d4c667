using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.DesignFunctions;

/// <summary>
/// A CouchApp end to end: a design doc holding its HTML and JavaScript as attachments, a rewrite to its
/// index page, a list rendering a view as HTML, a show, an update handler and a validate_doc_update.
/// Driven over HTTP, then in headless Chromium, whose dumped DOM must show what the app's script did
/// (posted a note through the update handler, rendered the list and the show into the page). As in
/// CouchDB 3.4, attachments are served with the <c>sandbox</c> policy unless <c>[csp]
/// attachments_enable = false</c>, which a CouchApp's scripts need.
/// </summary>
public sealed class CouchAppTests(CouchServer server) : IClassFixture<CouchServer>
{
    private const string IndexHtml = """
        <!DOCTYPE html>
        <html><head><title>Notes</title><script src="app.js"></script></head>
        <body><h1>Notes</h1><div id="list"></div><div id="note"></div><p id="status">loading</p></body></html>
        """;

    private const string AppJs = """
        window.addEventListener('load', async function () {
          var added = await fetch('add', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: 'From the browser', body: 'Written by app.js' }) });
          var id = added.headers.get('X-Couch-Id');
          document.getElementById('list').innerHTML = await (await fetch('notes')).text();
          document.getElementById('note').innerHTML = await (await fetch('note/' + id)).text();
          document.getElementById('status').textContent = 'done ' + added.status;
        });
        """;

    private static string DesignDoc() => new JsonObject
    {
        ["_id"] = "_design/notes",
        ["validate_doc_update"] = "function (doc) { if (doc.type == 'note' && !doc.title) throw({forbidden: 'a note needs a title'}); }",
        ["views"] = new JsonObject { ["by_created"] = new JsonObject { ["map"] = "function (doc) { if (doc.type == 'note') emit(doc.created, doc.title); }" } },
        ["lists"] = new JsonObject { ["html"] = "function (head, req) { start({headers: {'Content-Type': 'text/html; charset=utf-8'}}); send('<ul id=\"notes\">'); var row; while ((row = getRow())) send('<li>' + row.value + '</li>'); return '</ul>'; }" },
        ["shows"] = new JsonObject { ["note"] = "function (doc, req) { return doc ? '<article><h2>' + doc.title + '</h2><p>' + doc.body + '</p></article>' : {code: 404, body: 'no such note'}; }" },
        ["updates"] = new JsonObject { ["add"] = "function (doc, req) { var note = JSON.parse(req.body); return [{_id: req.uuid, type: 'note', title: note.title, body: note.body, created: new Date().getTime()}, {json: {ok: true}}]; }" },
        ["rewrites"] = JsonNode.Parse("""
            [{"from": "", "to": "index.html"},
             {"from": "/notes", "to": "_list/html/by_created"},
             {"from": "/note/:id", "to": "_show/note/:id"},
             {"method": "POST", "from": "/add", "to": "_update/add"},
             {"from": "/*", "to": "*"}]
            """),
        ["_attachments"] = new JsonObject
        {
            ["index.html"] = Attachment("text/html", IndexHtml),
            ["app.js"] = Attachment("application/javascript", AppJs),
        },
    }.ToJsonString();

    private static JsonObject Attachment(string type, string text) =>
        new() { ["content_type"] = type, ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) };

    private async Task<string> App()
    {
        server.Host.Services.Config.Set("csp", "attachments_enable", "false", persist: false);
        var client = server.Client;
        string db = await TestDb.Create(client, "couchapp");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{db}/_security", TestDb.Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await TestDb.Post(client, db, DesignDoc())).StatusCode);
        await TestDb.BulkDocs(client, db, """[{"_id":"n1","type":"note","title":"First","body":"one","created":1},{"_id":"n2","type":"note","title":"Second","body":"two","created":2}]""");
        return db;
    }

    [Fact]
    public async Task The_app_works_over_HTTP()
    {
        string db = await App();
        var anonymous = server.Anonymous;
        string app = $"{db}/_design/notes/_rewrite/";
        var index = await anonymous.GetAsync(app);
        Assert.Equal((HttpStatusCode.OK, "text/html"), (index.StatusCode, index.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<div id=\"list\">", await index.Content.ReadAsStringAsync());
        Assert.Equal(AppJs, await (await anonymous.GetAsync(app + "app.js")).Content.ReadAsStringAsync());
        Assert.Equal("""<ul id="notes"><li>First</li><li>Second</li></ul>""", await (await anonymous.GetAsync(app + "notes")).Content.ReadAsStringAsync());
        Assert.Equal("<article><h2>First</h2><p>one</p></article>", await (await anonymous.GetAsync(app + "note/n1")).Content.ReadAsStringAsync());
        var added = await anonymous.PostAsync(app + "add", TestDb.Json("""{"title":"Third","body":"three"}"""));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        string id = added.Headers.GetValues("X-Couch-Id").Single();
        Assert.Equal("<article><h2>Third</h2><p>three</p></article>", await (await anonymous.GetAsync(app + "note/" + id)).Content.ReadAsStringAsync());
        await HttpAssert.Error(await anonymous.PostAsync(app + "add", TestDb.Json("""{"body":"untitled"}""")), HttpStatusCode.Forbidden, "forbidden", "a note needs a title");
    }

    [Fact]
    public async Task The_app_runs_in_headless_Chromium()
    {
        string db = await App();
        string dom = await DumpDom(new Uri(server.BaseAddress, $"{db}/_design/notes/_rewrite/"));
        Assert.Contains("""<p id="status">done 201</p>""", dom);
        Assert.Contains("""<ul id="notes"><li>First</li><li>Second</li><li>From the browser</li></ul>""", dom);
        Assert.Contains("<article><h2>From the browser</h2><p>Written by app.js</p></article>", dom);
    }

    // chromium --headless --dump-dom: the DOM once the page and its fetches are done (virtual time
    // waits while requests are pending). --no-sandbox as the tests may run as root.
    private static async Task<string> DumpDom(Uri page)
    {
        var start = new ProcessStartInfo("chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=10000", "--dump-dom", page.ToString() },
        };
        using var browser = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start (scripts/install-deps installs it)");
        var output = browser.StandardOutput.ReadToEndAsync();
        _ = browser.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await browser.WaitForExitAsync(timeout.Token);
        return await output;
    }
}
