using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CouchJs.QueryServers.Tests.Support;

/// <summary>JSON as the tests compare it: compact text, non-ASCII kept, so any difference an engine makes shows.</summary>
public static class Json
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Canonical(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    public static string Canonical(byte[] json) => Canonical(JsonNode.Parse(json));

    public static string Canonical(string json) => Canonical(JsonNode.Parse(json));

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static ReadOnlyMemory<byte>[] Docs(params string[] docs) => [.. docs.Select(d => (ReadOnlyMemory<byte>)Utf8(d))];

    public static string Text(byte[] json) => Encoding.UTF8.GetString(json);
}
