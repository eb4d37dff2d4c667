using CouchJs.Database.Revisions;

namespace CouchJs.Database.Writing;

/// <summary>One document's outcome in an update: its new rev, or CouchDB's error for it.</summary>
public readonly record struct DocUpdateResult(string Id, Rev? Rev, CouchException? Error)
{
    public bool Ok => Error is null;
}
