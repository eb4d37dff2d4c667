using System.Text;

namespace CouchJs.Compat.Tests.Replay;

/// <summary>
/// The server's stdout and stderr lines, kept for the startup failure message. Bounded, keeping
/// the newest lines: the cause of a crash is near the end.
/// </summary>
public sealed class ProcessOutput
{
    private const int MaxLines = 400;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string stream, string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Enqueue($"[{stream}] {line}");
            if (_lines.Count > MaxLines) _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            if (_lines.Count == 0) return "(the server printed nothing)";
            var text = new StringBuilder("server output (newest last):\n");
            foreach (string line in _lines) text.Append(line).Append('\n');
            return text.ToString();
        }
    }
}
