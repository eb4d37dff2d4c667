using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// A server with one database guarded by a security object (admins: the user <see cref="DbAdmin"/>,
/// members: the user <see cref="Member"/>), a document with an attachment and a design document in it,
/// and a user <see cref="Outsider"/> who is neither; a client per caller.
/// </summary>
public sealed class MatrixServer : IAsyncLifetime
{
    public CouchServer Server { get; } = new();

    public string Db { get; } = CouchServer.NewDbName("matrix");

    public string Member { get; } = SecurityKit.NewName("member");

    public string DbAdmin { get; } = SecurityKit.NewName("dbadmin");

    public string Outsider { get; } = SecurityKit.NewName("outsider");

    public string Security => $$$"""{"admins":{"names":["{{{DbAdmin}}}"],"roles":[]},"members":{"names":["{{{Member}}}"],"roles":[]}}""";

    private readonly Dictionary<Caller, HttpClient> _clients = [];

    public HttpClient Client(Caller caller) => _clients[caller];

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        foreach (string user in (string[])[Member, DbAdmin, Outsider]) await SecurityKit.CreateUser(Server, user);
        Assert.Equal(HttpStatusCode.Created, (await Server.Client.PutAsync(Db, null)).StatusCode);
        await SecurityKit.SetSecurity(Server, Db, Security);
        string rev = await SecurityKit.PutDoc(Server, Db + "/doc", """{"v":1}""");
        var attachment = new StringContent("hello");
        attachment.Headers.ContentType = new("text/plain");
        Assert.Equal(HttpStatusCode.Created, (await Server.Client.PutAsync($"{Db}/doc/att.txt?rev={rev}", attachment)).StatusCode);
        await SecurityKit.PutDoc(Server, Db + "/_design/d", """{"views":{"v":{"map":"function(doc){emit(doc._id,null)}"}}}""");
        _clients[Caller.Anonymous] = Server.Anonymous;
        _clients[Caller.Outsider] = SecurityKit.As(Server, Outsider);
        _clients[Caller.Member] = SecurityKit.As(Server, Member);
        _clients[Caller.DbAdmin] = SecurityKit.As(Server, DbAdmin);
        _clients[Caller.ServerAdmin] = Server.Client;
    }

    public async Task DisposeAsync()
    {
        foreach (var caller in (Caller[])[Caller.Outsider, Caller.Member, Caller.DbAdmin]) _clients[caller].Dispose();
        await Server.DisposeAsync();
    }
}

public enum Caller
{
    Anonymous,
    Outsider,
    Member,
    DbAdmin,
    ServerAdmin,
}
