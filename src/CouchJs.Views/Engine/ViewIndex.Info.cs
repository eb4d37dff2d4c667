using CouchJs.Storage.BTrees;

namespace CouchJs.Views.Engine;

public sealed partial class ViewIndex
{
    /// <summary>The index's info now; pending updates are the database's changes after the index's seq (O(log n)).</summary>
    public ViewIndexInfo Info()
    {
        using var snapshot = Snapshot();
        var state = snapshot.State;
        long active = state.Header.IdRoot?.SubtreeSize ?? 0, external = 0;
        for (int v = 0; v < state.ViewCount; v++)
        {
            if (state.ViewRoot(v) is not { } root) continue;
            active += root.SubtreeSize;
            external += root.Reduction.ExternalSize;
        }
        long pending;
        using (var reader = Database.OpenReader()) pending = reader.Trees.BySeq.Reduce(KeyRange<long>.From(state.UpdateSeq + 1));
        return new ViewIndexInfo(Signature, Design.Language, state.File.File.Eof, active, external, state.UpdateSeq, state.PurgeSeq,
            UpdaterRunning, CompactRunning, WaitingClients, pending);
    }
}
