using System.Buffers;
using System.Text;
using global::Jint;
using global::Jint.Native;
using global::Jint.Native.Object;
using global::Jint.Runtime;
using global::Jint.Runtime.Descriptors;

namespace CouchJs.QueryServers.Jint.Json;

/// <summary>
/// A JSON object that an engine decodes member by member as a script reads them. Until the script
/// does anything else with it (enumerates, writes, deletes, freezes, stringifies), a read finds the
/// member in the text and decodes only its value; the first such other operation makes Jint call
/// <see cref="Initialize"/>, which decodes every member in text order, keeping the values already
/// read, and from then on it is an ordinary object. Duplicate names resolve as JSON.parse resolves
/// them: the last value, at the first name's place.
/// </summary>
internal sealed class LazyJsonObject : ObjectInstance
{
    private readonly JsonValues _values;
    private readonly byte[] _json;
    private readonly int _start;
    private Member[]? _members;
    private PropertyDescriptor?[]? _read;
    private bool _materialized;

    public LazyJsonObject(JsonValues values, byte[] json, int start) : base(values.Engine)
    {
        _values = values;
        _json = json;
        _start = start;
    }

    public override PropertyDescriptor GetOwnProperty(JsValue property)
    {
        if (_materialized) return base.GetOwnProperty(property);
        // Only writes add symbols, and a write materializes first.
        if (property.IsSymbol()) return PropertyDescriptor.Undefined;
        string name = property.IsString() ? property.ToString() : TypeConverter.ToString(property);
        var members = _members ??= Member.Index(_json, _start);
        for (int i = members.Length - 1; i >= 0; i--)
        {
            if (!members[i].NameIs(_json, name)) continue;
            _read ??= new PropertyDescriptor?[members.Length];
            return _read[i] ??= Descriptor(members[i]);
        }
        return PropertyDescriptor.Undefined;
    }

    // Called by Jint once, before anything but a read touches the object's own properties.
    protected override void Initialize()
    {
        _materialized = true;
        var members = _members ?? Member.Index(_json, _start);
        for (int i = 0; i < members.Length; i++)
            FastSetProperty(members[i].Name(_json), _read?[i] ?? Descriptor(members[i]));
        _members = null;
        _read = null;
    }

    private PropertyDescriptor Descriptor(Member member) =>
        new(_values.Read(_json, member.ValueStart), PropertyFlag.ConfigurableEnumerableWritable);

    /// <summary>One member of the object: where its name (between the quotes) and its value start.</summary>
    private readonly record struct Member(int NameStart, int NameLength, bool PlainName, int ValueStart)
    {
        public static Member[] Index(byte[] json, int start)
        {
            var members = ArrayPool<Member>.Shared.Rent(32);
            int count = 0;
            try
            {
                int at = JsonText.SkipWhitespace(json, start + 1);
                while (json[at] == (byte)'"')
                {
                    int nameEnd = JsonText.StringEnd(json, at);
                    var name = json.AsSpan(at + 1, nameEnd - at - 2);
                    int value = JsonText.SkipWhitespace(json, JsonText.SkipWhitespace(json, nameEnd) + 1);
                    if (count == members.Length) PooledArrays.Grow(ref members);
                    members[count++] = new Member(at + 1, name.Length, Ascii.IsValid(name) && !name.Contains((byte)'\\'), value);
                    at = JsonText.SkipWhitespace(json, JsonText.SkipValue(json, value));
                    if (json[at] == (byte)',') at = JsonText.SkipWhitespace(json, at + 1);
                }
                return members.AsSpan(0, count).ToArray();
            }
            finally
            {
                ArrayPool<Member>.Shared.Return(members);
            }
        }

        public bool NameIs(byte[] json, string name)
        {
            var bytes = json.AsSpan(NameStart, NameLength);
            if (PlainName) return bytes.Length == name.Length && Ascii.Equals(bytes, name);
            return JsonText.DecodeString(bytes) == name;
        }

        public string Name(byte[] json) => JsonText.DecodeString(json.AsSpan(NameStart, NameLength));
    }
}
