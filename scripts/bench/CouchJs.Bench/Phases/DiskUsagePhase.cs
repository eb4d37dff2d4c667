namespace CouchJs.Bench.Phases;

/// <summary>
/// Space: the file's size (every version the copy-on-write tree left behind), the bytes the newest
/// version reaches (what compaction would keep), and the payload (key + value lengths).
/// </summary>
internal sealed class DiskUsagePhase : IBenchPhase
{
    public string Name => "disk usage";

    public string Run(BenchRun run)
    {
        run.File.Flush();
        long file = new FileInfo(run.DataFile).Length;
        long live = run.Tree.SubtreeSize;
        double ratio = (double)file / run.PayloadBytes;
        const double MB = 1 << 20;
        run.Add(new("file_bytes", file, "bytes", "file MB", Scale: MB));
        run.Add(new("live_tree_bytes", live, "bytes", "live MB", Scale: MB));
        run.Add(new("payload_bytes", run.PayloadBytes, "bytes", "payload MB", Scale: MB));
        run.Add(new("file_to_payload", ratio, "ratio", "file/payload"));
        run.Add(new("live_to_payload", (double)live / run.PayloadBytes, "ratio", "live/payload"));
        return $"file {file / MB:N0} MB, live tree {live / MB:N0} MB, payload {run.PayloadBytes / MB:N0} MB";
    }
}
