using System.Buffers;
using System.Text.Json;
using CouchJs.Database.Mango;
using CouchJs.Views.Collation;

namespace CouchJs.Views.Reduce;

/// <summary>
/// A map value as couch_query_servers' built-in reducers see it once jiffy has decoded it: numbers,
/// lists, objects (members in their order) and anything else — strings, true, false, null — kept as
/// its JSON. Built only where numbers alone do not do (arrays, objects, errors).
/// </summary>
internal abstract class Ejson : IJsonWritable
{
    public static Ejson Parse(ReadOnlyMemory<byte> json)
    {
        int pos = 0;
        return Parse(json, ref pos);
    }

    public byte[] ToJson()
    {
        var output = new ArrayBufferWriter<byte>(64);
        Write(output);
        return output.WrittenSpan.ToArray();
    }

    public abstract void Write(ArrayBufferWriter<byte> output);

    /// <summary>The term as Erlang's <c>~w</c> prints it, for error reasons.</summary>
    public string ToErlang()
    {
        using var document = JsonDocument.Parse(ToJson());
        return ErlangTerm.Format(document.RootElement);
    }

    private static Ejson Parse(ReadOnlyMemory<byte> json, ref int pos)
    {
        var span = json.Span;
        pos = JsonScan.SkipWhitespace(span, pos);
        int start = pos;
        switch (span[pos])
        {
            case (byte)'[':
            {
                var items = new List<Ejson>();
                pos++;
                while (JsonScan.NextElement(span, ref pos, items.Count == 0)) items.Add(Parse(json, ref pos));
                return new EjsonList(items);
            }
            case (byte)'{':
            {
                var members = new List<EjsonMember>();
                pos++;
                while (JsonScan.NextElement(span, ref pos, members.Count == 0))
                {
                    pos = JsonScan.SkipWhitespace(span, pos);
                    int keyEnd = JsonScan.StringEnd(span, pos);
                    var key = json[(pos + 1)..(keyEnd - 1)];
                    pos = JsonScan.SkipWhitespace(span, keyEnd) + 1; // past ':'
                    members.Add(new EjsonMember(key, Parse(json, ref pos)));
                }
                return new EjsonObject(members);
            }
            case (byte)'"' or (byte)'t' or (byte)'f' or (byte)'n':
                pos = JsonScan.ValueEnd(span, pos);
                return new EjsonOther(json[start..pos]);
            default:
                pos = JsonScan.NumberEnd(span, pos, out bool isInteger);
                return new EjsonNumber(ErlangNumber.Parse(span[start..pos], isInteger));
        }
    }
}

internal sealed class EjsonNumber(ErlangNumber value) : Ejson
{
    public ErlangNumber Value { get; } = value;

    public override void Write(ArrayBufferWriter<byte> output) => Value.WriteJson(output);
}

internal sealed class EjsonList(List<Ejson> items) : Ejson
{
    public List<Ejson> Items { get; } = items;

    public override void Write(ArrayBufferWriter<byte> output) => JsonWritable.WriteArray(output, Items);
}

/// <summary>An object member; <see cref="Key"/> is the key's JSON string contents (escapes kept).</summary>
internal readonly record struct EjsonMember(ReadOnlyMemory<byte> Key, Ejson Value);

internal sealed class EjsonObject(List<EjsonMember> members) : Ejson
{
    public List<EjsonMember> Members { get; } = members;

    /// <summary>The first member named <paramref name="name"/> (proplists / lists:keyfind), if any.</summary>
    public Ejson? Find(ReadOnlySpan<byte> name)
    {
        foreach (var member in Members)
            if (RawStringOrder.Compare(member.Key.Span, name) == 0) return member.Value;
        return null;
    }

    public override void Write(ArrayBufferWriter<byte> output)
    {
        output.Write("{"u8);
        for (int i = 0; i < Members.Count; i++)
        {
            if (i > 0) output.Write(","u8);
            output.Write("\""u8);
            output.Write(Members[i].Key.Span);
            output.Write("\":"u8);
            Members[i].Value.Write(output);
        }
        output.Write("}"u8);
    }
}

/// <summary>A string, true, false or null, as its JSON.</summary>
internal sealed class EjsonOther(ReadOnlyMemory<byte> json) : Ejson
{
    public ReadOnlyMemory<byte> Json { get; } = json;

    /// <summary>Whether this is the JSON string whose characters are <paramref name="text"/>.</summary>
    public bool IsString(ReadOnlySpan<byte> text)
    {
        var json = Json.Span;
        return json[0] == (byte)'"' && RawStringOrder.Compare(json[1..^1], text) == 0;
    }

    public override void Write(ArrayBufferWriter<byte> output) => output.Write(Json.Span);
}
