using CouchJs.Storage.Encoding;

namespace CouchJs.Database.Revisions;

/// <summary>Reads one node value that the matching writer of <see cref="RevTree{T}.Write"/> wrote.</summary>
public delegate T RevValueReader<T>(ref BufferReader reader);
