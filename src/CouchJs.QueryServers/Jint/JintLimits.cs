namespace CouchJs.QueryServers;

/// <summary>What bounds one command in a Jint engine.</summary>
/// <param name="Timeout">os_process_timeout: the longest one command may run (regular expressions included).</param>
/// <param name="MaxStatements">Statements one command may execute; 0 for no limit.</param>
/// <param name="MemoryBytes">Bytes one command may allocate (Jint counts the engine thread's allocations); 0 for no limit.</param>
public sealed record JintLimits(TimeSpan Timeout, int MaxStatements = 0, long MemoryBytes = 0);
