using CouchJs.Storage.BTrees;
using CouchJs.Storage.Database;

namespace CouchJs.Storage.Tests.Database;

public class DbHeaderTests
{
    [Fact]
    public void EveryFieldRoundTrips()
    {
        var header = DbHeader.New("0123456789abcdef0123456789abcdef", "couchjs@127.0.0.1", 1_700_000_000_000_000) with
        {
            UpdateSeq = 12345,
            PurgeSeq = 7,
            SecurityPointer = 4096,
            PropsPointer = 8192,
            RevsLimit = 50,
            PurgeInfosLimit = 2000,
            CompactedSeq = 12000,
            Epochs = [new Epoch("n1", 0), new Epoch("n2", 500)],
            Checkpoint = new CompactionCheckpoint([1, 2, 3], 1, [9, 8]),
        };
        foreach (var tree in Enum.GetValues<DbTree>())
            header = header.WithRoot(tree, new StoredRoot(1000 + (int)tree, 77 * (int)tree, [(byte)tree, 42]));

        var decoded = DbHeader.Decode(header.Encode());

        Assert.Equal(header.Encode(), decoded.Encode());
        Assert.Equal(12345, decoded.UpdateSeq);
        Assert.Equal(7, decoded.PurgeSeq);
        Assert.Equal(4096, decoded.SecurityPointer);
        Assert.Equal(8192, decoded.PropsPointer);
        Assert.Equal(50, decoded.RevsLimit);
        Assert.Equal(2000, decoded.PurgeInfosLimit);
        Assert.Equal("0123456789abcdef0123456789abcdef", decoded.Uuid);
        Assert.Equal(1_700_000_000_000_000, decoded.CreatedMicros);
        Assert.Equal(12000, decoded.CompactedSeq);
        Assert.Equal([new Epoch("n1", 0), new Epoch("n2", 500)], decoded.Epochs);
        Assert.Equal(1, decoded.Checkpoint!.Tree);
        Assert.Equal([9, 8], decoded.Checkpoint.LastKey);
        Assert.Equal([(byte)DbTree.Local, 42], decoded.Root(DbTree.Local)!.Reduction);
        Assert.Equal(1000 + (int)DbTree.PurgeSeq, decoded.Root(DbTree.PurgeSeq)!.Pointer);
    }

    [Fact]
    public void DefaultsAreCouchDbs()
    {
        var header = DbHeader.Decode(DbHeader.New("u", "n", 1).Encode());
        Assert.Equal(1000, header.RevsLimit);
        Assert.Equal(1000, header.PurgeInfosLimit);
        Assert.Equal(DbHeader.NoPointer, header.SecurityPointer);
        Assert.All(Enum.GetValues<DbTree>(), t => Assert.Null(header.Root(t)));
        Assert.Null(header.Checkpoint);
    }

    [Fact]
    public void ANewerDiskVersionIsRefusedWithAClearMessage()
    {
        var bytes = (DbHeader.New("u", "n", 1) with { DiskVersion = DbHeader.CurrentDiskVersion + 1 }).Encode();
        var error = Assert.Throws<InvalidDataException>(() => DbHeader.Decode(bytes));
        Assert.Contains("upgrade CouchJs", error.Message);
    }
}
