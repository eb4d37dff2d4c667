namespace CouchJs.Http.Endpoints;

/// <summary>
/// The bulk endpoints replication runs on: <c>_bulk_docs</c> (many writes in one group commit),
/// <c>_bulk_get</c> (many revisions from one snapshot, as JSON or multipart/mixed), and
/// <c>_revs_diff</c> / <c>_missing_revs</c> (which revisions the database lacks). One file per operation.
/// </summary>
public static partial class BulkEndpoints;
