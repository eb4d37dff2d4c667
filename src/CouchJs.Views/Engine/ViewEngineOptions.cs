using CouchJs.Storage.Files;
using CouchJs.Views.Updating;

namespace CouchJs.Views.Engine;

/// <summary>Where index files live and how they are written and updated.</summary>
public sealed record ViewEngineOptions
{
    /// <summary>
    /// <c>[couchdb] view_index_dir</c>: indexes of database <c>db</c> go to <c>&lt;root&gt;/.db_design/mrview/</c>.
    /// Null keeps them in memory (tests with in-memory databases).
    /// </summary>
    public string? IndexRoot { get; init; }

    public CouchFileOptions File { get; init; } = CouchFileOptions.Default;

    public UpdateSettings Update { get; init; } = new();

    /// <summary>How long after a write the background indexer looks at a database (ken's batching); zero turns it off.</summary>
    public TimeSpan AutoUpdateDelay { get; init; } = TimeSpan.FromSeconds(1);
}
