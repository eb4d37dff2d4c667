using System.Globalization;
using System.Text;
using System.Text.Json;
using CouchJs.Database.Mango;
using CouchJs.Views.Collation;

namespace CouchJs.Views.Tests.Collation;

/// <summary>
/// Random JSON values: both orders are antisymmetric, reflexive and transitive, and agree with the
/// JsonElement-based <see cref="JsonCollation"/> that Mango uses.
/// </summary>
public class CollationPropertyTests
{
    private const int Count = 600;

    [Fact]
    public void View_collation_is_a_total_order_that_agrees_with_JsonCollation() =>
        CheckOrder(ViewCollation.Compare, JsonCollation.Compare, seed: 1);

    [Fact]
    public void Raw_collation_is_a_total_order_that_agrees_with_JsonCollation() =>
        CheckOrder(ViewCollation.CompareRaw, JsonCollation.CompareRaw, seed: 2);

    private static void CheckOrder(Func<ReadOnlySpan<byte>, ReadOnlySpan<byte>, int> compare, Func<JsonElement, JsonElement, int> reference, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, Count).Select(_ => Encoding.UTF8.GetBytes(RandomJson(random, depth: 0))).ToList();
        // Near duplicates: the same value respelled (escapes, 1 vs 1.0, whitespace) must compare equal.
        values.AddRange(values.Take(100).Select(v => Encoding.UTF8.GetBytes(Respell(Encoding.UTF8.GetString(v)))).ToList());
        var elements = values.Select(v => JsonDocument.Parse(v).RootElement).ToArray();

        for (int i = 0; i < values.Count; i++)
        {
            Assert.Equal(0, compare(values[i], values[i]));
            for (int j = i + 1; j < values.Count; j++)
            {
                int forward = compare(values[i], values[j]);
                Assert.True(forward == -compare(values[j], values[i]), $"antisymmetry: {Show(values[i])} vs {Show(values[j])}");
                Assert.True(forward == Math.Sign(reference(elements[i], elements[j])),
                    $"JsonCollation disagrees: {Show(values[i])} vs {Show(values[j])}: {forward}");
            }
        }

        // Transitivity: after sorting, every earlier value is <= every later one.
        var sorted = values.ToList();
        sorted.Sort((a, b) => compare(a, b));
        for (int i = 0; i < sorted.Count; i++)
            for (int j = i + 1; j < sorted.Count; j++)
                Assert.True(compare(sorted[i], sorted[j]) <= 0, $"transitivity: {Show(sorted[i])} vs {Show(sorted[j])}");
    }

    private static string Show(byte[] json) => Encoding.UTF8.GetString(json);

    private static string RandomJson(Random random, int depth)
    {
        int kind = random.Next(depth >= 3 ? 6 : 8);
        return kind switch
        {
            0 => "null",
            1 => random.Next(2) == 0 ? "true" : "false",
            2 => random.Next(-3, 4).ToString(CultureInfo.InvariantCulture),
            3 => RandomNumber(random),
            4 or 5 => JsonSerializer.Serialize(RandomText(random)),
            6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(_ =>
                JsonSerializer.Serialize(RandomText(random)) + ":" + RandomJson(random, depth + 1))) + "}",
        };
    }

    private static string RandomNumber(Random random) => random.Next(5) switch
    {
        0 => random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        1 => (random.NextDouble() * 100 - 50).ToString("R", CultureInfo.InvariantCulture),
        2 => random.Next(-5, 6) + ".0",
        3 => random.Next(1, 9) + "e" + random.Next(-3, 4),
        _ => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
    };

    private static string RandomText(Random random)
    {
        const string alphabet = "aAbBzZ09 -_.\"\\/\n\u00e9\u00c9\u00df\u4e2d\u03a9\u200b\U0001F600";
        var text = new StringBuilder();
        int length = random.Next(4);
        for (int i = 0; i < length; i++)
        {
            int at = random.Next(alphabet.Length);
            if (char.IsHighSurrogate(alphabet[at])) text.Append(alphabet, at, 2);
            else if (!char.IsLowSurrogate(alphabet[at])) text.Append(alphabet[at]);
        }
        return text.ToString();
    }

    // An equal value written differently: whitespace after separators and integers as floats.
    private static string Respell(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder();
        Write(document.RootElement, text);
        return text.ToString();
    }

    private static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                text.Append("[ ");
                text.AppendJoin(" , ", value.EnumerateArray().Select(e => { var inner = new StringBuilder(); Write(e, inner); return inner.ToString(); }));
                text.Append(" ]");
                break;
            case JsonValueKind.Object:
                text.Append("{ ");
                text.AppendJoin(" , ", value.EnumerateObject().Select(m =>
                {
                    var inner = new StringBuilder(EscapeAll(m.Name)).Append(" : ");
                    Write(m.Value, inner);
                    return inner.ToString();
                }));
                text.Append(" }");
                break;
            case JsonValueKind.String:
                text.Append(EscapeAll(value.GetString()!));
                break;
            case JsonValueKind.Number when value.TryGetInt32(out int small):
                text.Append(small.ToString(CultureInfo.InvariantCulture)).Append(".0");
                break;
            default:
                text.Append(value.GetRawText());
                break;
        }
    }

    private static string EscapeAll(string text) =>
        "\"" + string.Concat(text.Select(c => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture))) + "\"";
}
