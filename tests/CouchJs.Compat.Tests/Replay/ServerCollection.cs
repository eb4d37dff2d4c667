namespace CouchJs.Compat.Tests.Replay;

/// <summary>Shares one <see cref="ServerFixture"/> among the tests that need a server.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "CouchJs server";
}
