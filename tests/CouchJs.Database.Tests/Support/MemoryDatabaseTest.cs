namespace CouchJs.Database.Tests.Support;

/// <summary>Base of tests that need one fresh in-memory database (<see cref="Db"/>, named "db") per test.</summary>
public abstract class MemoryDatabaseTest : IAsyncLifetime
{
    protected MemoryDatabaseTest(DatabaseOptions? options = null) => Server = new DatabaseServer(null, options ?? DatabaseOptions.Default);

    protected DatabaseServer Server { get; }

    protected CouchDatabase Db { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Db = Server.Create("db");
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Server.DisposeAsync();
}
