namespace CouchJs.Views.Engine;

/// <summary>
/// What <c>GET /{db}/_design/{ddoc}/_info</c> reports of an index (couch_mrview_index:get(info) and
/// couch_index's state): sizes in bytes — the file, the live trees' nodes (active) and the rows' keys
/// and values (external) — the seqs it reflects, its activity, and the changes it has yet to index.
/// </summary>
public sealed record ViewIndexInfo(
    string Signature,
    string Language,
    long FileSize,
    long ActiveSize,
    long ExternalSize,
    long UpdateSeq,
    long PurgeSeq,
    bool UpdaterRunning,
    bool CompactRunning,
    int WaitingClients,
    long PendingUpdates);
