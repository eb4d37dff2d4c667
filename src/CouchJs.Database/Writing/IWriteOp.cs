namespace CouchJs.Database.Writing;

/// <summary>
/// One request to the database's single writer. Ops queued together run in one batch: each
/// <see cref="Apply"/>s its changes to the batch in queue order, the batch commits once, and only then
/// is each op <see cref="Complete"/>d, so every acknowledged write is durable.
/// </summary>
internal interface IWriteOp
{
    /// <summary>Document ids the op reads, loaded for the whole batch in one by-id lookup.</summary>
    IEnumerable<string> DocIds { get; }

    void Apply(WriteBatch batch);

    void Complete();

    void Fail(Exception error);
}

/// <summary>An op answered through a task, completed off the writer's thread.</summary>
internal abstract class WriteOp<TResult> : IWriteOp
{
    private readonly TaskCompletionSource<TResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _result;

    public Task<TResult> Task => _done.Task;

    public virtual IEnumerable<string> DocIds => [];

    public void Apply(WriteBatch batch) => _result = Run(batch);

    protected abstract TResult Run(WriteBatch batch);

    public void Complete() => _done.TrySetResult(_result!);

    public void Fail(Exception error) => _done.TrySetException(error);
}
