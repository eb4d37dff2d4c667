using CouchJs.Compat.Tests.Fixtures;

namespace CouchJs.Compat.Tests.Replay;

/// <summary>
/// Every fixture file replayed against the real server, one test case per file. Against a server
/// that is already running: <c>COUCHJS_URL=http://127.0.0.1:5984 COUCHJS_ADMIN=admin
/// COUCHJS_PASSWORD=… dotnet test tests/CouchJs.Compat.Tests -c Release --filter FullyQualifiedName~FixtureReplayTests</c>.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class FixtureReplayTests(ServerFixture server)
{
    public static TheoryData<string> Files => FixtureCatalog.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public Task Replay(string fixture) => new FixtureRunner(server).RunAsync(FixtureCatalog.Load(fixture));
}
