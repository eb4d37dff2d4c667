namespace CouchJs.Database.Revisions;

/// <summary>A revision with its ancestry: <paramref name="PathHashes"/> starts with its own hash, then its parent's, back to the oldest kept.</summary>
public sealed record RevLeaf<T>(Rev Rev, T? Value, IReadOnlyList<string> PathHashes) where T : class;
