using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;

namespace CouchJs.Storage.Tests.Database;

/// <summary>Long random runs of writes, reopens and compactions, checked against a dictionary.</summary>
public class StoreModelTests
{
    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    public void ContentsMatchTheModelAcrossReopenAndCompaction(int seed)
    {
        const string name = "model.couch";
        var random = new Random(seed);
        var directory = new MemoryDirectory();
        var model = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var store = new TestStore(directory, name, create: true);
        int operations = 0;
        try
        {
            for (int round = 0; operations < 100_000; round++)
            {
                var batch = new List<(string, string?)>();
                int size = random.Next(1, 400);
                for (int i = 0; i < size; i++)
                {
                    string id = $"k{random.Next(5000)}";
                    string? body = random.Next(5) == 0 ? null : $"b{random.Next()}";
                    batch.Add((id, body));
                }
                foreach (var (id, body) in batch)
                {
                    if (body is null) model.Remove(id);
                    else model[id] = body;
                }
                store.Write(batch);
                operations += size;
                switch (random.Next(10))
                {
                    case 0:
                        store.Dispose();
                        store = new TestStore(directory, name, create: false);
                        break;
                    case 1:
                        store.Db.Compact(TestStore.Plan(batchSize: random.Next(50, 500)));
                        break;
                }
                if (round % 5 == 0) Assert.Equal(model, store.ReadAll());
            }
            Assert.Equal(model, store.ReadAll());
        }
        finally
        {
            store.Dispose();
        }
    }
}
