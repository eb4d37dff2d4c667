using System.Text.Json;
using System.Text.Json.Nodes;
using CouchJs.QueryServers.Tests.Support;

namespace CouchJs.QueryServers.Tests;

/// <summary>
/// Every shared conformance case on both engines: the same commands give the same answers and the
/// same log lines. A case expecting <c>["fatal", name, reason]</c> expects the wire form a process
/// sends before it exits, <c>["error", name, reason]</c>, and an engine that is then gone.
/// </summary>
public sealed class ConformanceTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string engine in (string[])["jint", "v8"])
            foreach (var (file, name) in ConformanceCases.All())
                data.Add(engine, file, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case(string engine, string file, string name)
    {
        var log = new List<string>();
        await using var server = await Engines.Start(engine, log);
        int step = 0;
        var exchanges = ConformanceCases.Exchanges(file, name);
        foreach (var exchange in exchanges)
        {
            step++;
            lock (log) log.Clear();
            var expected = exchange.Expected;
            var answer = JsonNode.Parse(await server.Send(exchange.Command, CancellationToken.None));
            string where = $"{file} / {name} / exchange {step}: {Json.Text(exchange.Command)}";
            bool fatal = expected is JsonArray { Count: > 0 } array && array[0] is JsonValue first && first.TryGetValue(out string? kind) && kind == "fatal";
            if (fatal)
            {
                // Over the wire a fatal error is ["error", name, reason], and then the engine is gone.
                expected = expected!.DeepClone();
                expected[0] = "error";
            }
            if (Difference(where + " answer", expected, answer) is { } different) Assert.Fail(different);
            if (exchange.HasLog)
            {
                string[] logged;
                lock (log) logged = [.. log];
                if (Difference(where + " logs", exchange.ExpectedLog, JsonSerializer.SerializeToNode(logged)) is { } logDifference) Assert.Fail(logDifference);
            }
            if (fatal)
            {
                await AssertGone(server);
                Assert.True(step == exchanges.Count, where + ": exchanges after a fatal error");
            }
        }
    }

    private static string? Difference(string where, JsonNode? expected, JsonNode? actual) =>
        ConformanceMatch.Difference(expected, actual) is { } found ? $"{where}: {found}" : null;

    // After a fatal error the engine is not used again: Jint's is broken at once, a process exits.
    private static Task AssertGone(LineProtocolServer server) => Poll.Until(() => !server.Usable);
}
