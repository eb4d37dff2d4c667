using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CouchJs.QueryServers.Tests.Support;

/// <summary>
/// The shared cases of <c>queryservers/conformance/*.json</c>: each a name and exchanges
/// <c>[command, expected answer, (expected log lines)]</c> run in order on one fresh query server.
/// Commands are sent as written in the file (escapes included), so what reaches an engine is
/// exactly what the Node suite sends.
/// </summary>
public static class ConformanceCases
{
    public sealed record Exchange(byte[] Command, JsonNode? Expected, JsonNode? ExpectedLog, bool HasLog);

    public static IEnumerable<(string File, string Name)> All()
    {
        foreach (string path in Directory.GetFiles(RepoPaths.Conformance, "*.json").Order(StringComparer.Ordinal))
        {
            using var cases = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var c in cases.RootElement.EnumerateArray())
                yield return (Path.GetFileName(path), c.GetProperty("name").GetString()!);
        }
    }

    public static List<Exchange> Exchanges(string file, string name)
    {
        using var cases = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Conformance, file)));
        var testCase = cases.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var exchanges = new List<Exchange>();
        foreach (var exchange in testCase.GetProperty("exchanges").EnumerateArray())
        {
            var parts = exchange.EnumerateArray().ToList();
            exchanges.Add(new Exchange(
                OneLine(parts[0]),
                JsonNode.Parse(parts[1].GetRawText()),
                parts.Count > 2 ? JsonNode.Parse(parts[2].GetRawText()) : null,
                parts.Count > 2));
        }
        return exchanges;
    }

    private static byte[] OneLine(JsonElement command)
    {
        string raw = command.GetRawText();
        if (!raw.Contains('\n')) return Encoding.UTF8.GetBytes(raw);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) command.WriteTo(writer);
        return stream.ToArray();
    }
}
