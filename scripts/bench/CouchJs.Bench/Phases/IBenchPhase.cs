namespace CouchJs.Bench.Phases;

/// <summary>
/// One step of a run, executed in list order on the run's shared state (see <see cref="StorageBench.Phases"/>).
/// A phase times only its own work, adds its figures to the run, and returns a one-line summary.
/// </summary>
internal interface IBenchPhase
{
    string Name { get; }

    string Run(BenchRun run);
}
