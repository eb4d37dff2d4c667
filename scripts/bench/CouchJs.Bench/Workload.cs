using System.Buffers.Binary;
using System.Globalization;

namespace CouchJs.Bench;

/// <summary>
/// The data inserted: 16-byte keys, and values of JSON-like text made of fields, numbers and words
/// drawn from a small vocabulary, so compressors find repetition as they would in real documents.
/// Deterministic for a seed.
/// </summary>
internal sealed class Workload
{
    public const int KeyBytes = 16;

    private static readonly string[] Words =
    [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo",
        "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor",
        "whiskey", "xray", "yankee", "zulu", "order", "invoice", "customer", "shipping", "billing", "pending",
        "complete", "cancelled", "warehouse", "berlin", "paris", "london", "tokyo", "madrid", "lisbon", "oslo",
        "red", "green", "blue", "small", "medium", "large", "express", "standard", "priority", "returned",
        "the", "of", "and", "to", "in", "for", "with", "on", "by", "from", "at", "is", "was", "new", "old",
        "please", "deliver", "before", "after", "monday", "friday", "weekend", "door", "office", "reception",
        "fragile", "handle", "care", "gift", "wrap", "note", "thanks", "again", "account", "credit", "card",
    ];

    private static readonly string[] Types = ["order", "invoice", "shipment", "customer", "product"];
    private static readonly string[] Statuses = ["pending", "paid", "shipped", "delivered", "returned", "cancelled"];

    private readonly int _valueBytes;
    private readonly int _seed;

    public Workload(long count, KeyOrder order, int valueBytes, int seed)
    {
        _valueBytes = valueBytes;
        _seed = seed;
        Keys = MakeKeys(count, order, seed);
    }

    /// <summary>Keys in insertion order: random bytes, or a big-endian counter then random bytes.</summary>
    public ReadOnlyMemory<byte>[] Keys { get; }

    public static string Describe(int valueBytes) =>
        $"keys: {KeyBytes} bytes (random, or 8-byte big-endian counter + 8 random for sequential); " +
        $"values: {valueBytes} bytes of JSON-like text (fixed fields, numbers, words from a {Words.Length}-word vocabulary)";

    /// <summary>The value of key number <paramref name="index"/> (same bytes every time), written in place.</summary>
    public byte[] Value(long index)
    {
        var rng = new Random(_seed ^ (int)((ulong)index * 0x9E3779B97F4A7C15UL >> 33));
        var bytes = new byte[_valueBytes];
        var w = new AsciiWriter(bytes, Math.Max(0, _valueBytes - 2));
        w.Put("{\"_id\":\"");
        w.PutHex(Keys[index].Span);
        w.Put("\",\"type\":\"").Put(Types[rng.Next(Types.Length)]).Put("\",\"status\":\"").Put(Statuses[rng.Next(Statuses.Length)])
            .Put("\",\"created\":\"2024-").Put(rng.Next(1, 13), 2).Put("-").Put(rng.Next(1, 29), 2).Put("T").Put(rng.Next(24), 2)
            .Put(":").Put(rng.Next(60), 2).Put(":00Z\",\"customer\":{\"name\":\"").Put(Word(rng)).Put(" ").Put(Word(rng))
            .Put("\",\"email\":\"").Put(Word(rng)).Put(".").Put(Word(rng)).Put("@example.com\"},\"items\":[");
        for (int item = 0; item < 4 && w.Position < _valueBytes / 2; item++)
        {
            if (item > 0) w.Put(",");
            w.Put("{\"sku\":\"SKU-").Put(rng.Next(100_000), 5).Put("\",\"qty\":").Put(rng.Next(1, 10)).Put(",\"price\":")
                .Put(rng.Next(1, 1000)).Put(".").Put(rng.Next(100), 2).Put(",\"color\":\"").Put(Word(rng)).Put("\"}");
        }
        w.Put("],\"notes\":\"");
        while (!w.Full) w.Put(Word(rng)).Put(" ");
        if (_valueBytes >= 2) "\"}"u8.CopyTo(bytes.AsSpan(_valueBytes - 2));
        return bytes;
    }

    /// <summary>Writes ASCII into the first <paramref name="limit"/> bytes of an array, cutting off what does not fit.</summary>
    private sealed class AsciiWriter(byte[] destination, int limit)
    {
        public int Position { get; private set; }

        public bool Full => Position >= limit;

        public AsciiWriter Put(string text)
        {
            int n = Math.Min(text.Length, limit - Position);
            for (int i = 0; i < n; i++) destination[Position + i] = (byte)text[i];
            Position += n;
            return this;
        }

        public AsciiWriter Put(int value, int digits = 1)
        {
            Span<byte> tmp = stackalloc byte[16];
            value.TryFormat(tmp, out int n, digits > 1 ? $"D{digits}" : default, CultureInfo.InvariantCulture);
            int take = Math.Min(n, limit - Position);
            tmp[..take].CopyTo(destination.AsSpan(Position));
            Position += take;
            return this;
        }

        public void PutHex(ReadOnlySpan<byte> data)
        {
            const string Digits = "0123456789abcdef";
            foreach (byte b in data)
            {
                if (Full) return;
                destination[Position++] = (byte)Digits[b >> 4];
                if (Full) return;
                destination[Position++] = (byte)Digits[b & 15];
            }
        }
    }

    private static string Word(Random rng) => Words[rng.Next(Words.Length)];

    private static ReadOnlyMemory<byte>[] MakeKeys(long count, KeyOrder order, int seed)
    {
        // One backing array, sliced: 16 MB for a million keys instead of a million small arrays.
        var all = new byte[checked(count * KeyBytes)];
        new Random(seed).NextBytes(all);
        var keys = new ReadOnlyMemory<byte>[count];
        for (long i = 0; i < count; i++)
        {
            var key = all.AsMemory((int)(i * KeyBytes), KeyBytes);
            if (order == KeyOrder.Sequential) BinaryPrimitives.WriteInt64BigEndian(all.AsSpan((int)(i * KeyBytes)), i);
            keys[i] = key;
        }
        return keys;
    }
}
