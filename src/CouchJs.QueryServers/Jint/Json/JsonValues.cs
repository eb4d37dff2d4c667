using System.Buffers;
using System.Runtime.InteropServices;
using global::Jint;
using global::Jint.Native;
using global::Jint.Native.Json;

namespace CouchJs.QueryServers.Jint.Json;

/// <summary>
/// JSON text turned into an engine's values without parsing all of it: an object becomes a
/// <see cref="LazyJsonObject"/> that decodes a member when the script first reads it, so a function
/// reading three fields of a 1 KB document pays for three fields. Arrays, strings and numbers are
/// decoded when reached. Scripts see exactly what JSON.parse would have given them.
/// </summary>
internal sealed class JsonValues(Engine engine, int maxDepth)
{
    // Arrays are decoded eagerly, each nesting level one call deeper; past this, JSON.parse takes over.
    private const int MaxEagerArrayDepth = 64;

    public Engine Engine { get; } = engine;

    /// <summary>The value of the JSON text <paramref name="json"/>.</summary>
    public JsValue Read(byte[] json) => Read(json, JsonText.SkipWhitespace(json, 0), 0);

    /// <summary>The value of the JSON text <paramref name="json"/> (read in place when it is part of an array).</summary>
    public JsValue Read(ReadOnlyMemory<byte> json) =>
        MemoryMarshal.TryGetArray(json, out var segment) ? Read(segment.Array!, JsonText.SkipWhitespace(segment.AsSpan(), 0) + segment.Offset, 0) : Read(json.ToArray());

    /// <summary>The value of the JSON text that starts at <paramref name="at"/> in <paramref name="json"/>.</summary>
    public JsValue Read(byte[] json, int at) => Read(json, at, 0);

    private JsValue Read(byte[] json, int at, int depth) => json[at] switch
    {
        (byte)'{' => new LazyJsonObject(this, json, at),
        (byte)'[' => depth < MaxEagerArrayDepth ? Array(json, at, depth) : Parse(json, at),
        (byte)'"' => JsString.Create(JsonText.DecodeString(json.AsSpan(at + 1, JsonText.StringEnd(json, at) - at - 2))),
        (byte)'t' => JsBoolean.True,
        (byte)'f' => JsBoolean.False,
        (byte)'n' => JsValue.Null,
        _ => JsNumber.Create(JsonText.DecodeNumber(json.AsSpan(at, JsonText.SkipValue(json, at) - at))),
    };

    private JsArray Array(byte[] json, int at, int depth)
    {
        var items = ArrayPool<JsValue>.Shared.Rent(16);
        int count = 0;
        try
        {
            at = JsonText.SkipWhitespace(json, at + 1);
            while (json[at] != (byte)']')
            {
                if (count == items.Length) PooledArrays.Grow(ref items);
                items[count++] = Read(json, at, depth + 1);
                at = JsonText.SkipWhitespace(json, JsonText.SkipValue(json, at));
                if (json[at] == (byte)',') at = JsonText.SkipWhitespace(json, at + 1);
            }
            return new JsArray(Engine, items.AsSpan(0, count).ToArray());
        }
        finally
        {
            items.AsSpan(0, count).Clear();
            ArrayPool<JsValue>.Shared.Return(items);
        }
    }

    private JsValue Parse(byte[] json, int at) =>
        new JsonParser(Engine, maxDepth).Parse(json.AsSpan(at, JsonText.SkipValue(json, at) - at));
}
