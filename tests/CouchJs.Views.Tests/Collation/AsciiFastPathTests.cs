using System.Globalization;
using System.Text;
using CouchJs.Views.Collation;

namespace CouchJs.Views.Tests.Collation;

/// <summary>
/// The ASCII fast path must give exactly ICU's answers. Every string of up to two ASCII characters
/// (all 128, control characters included) is sorted by ICU; each adjacent pair must compare the same
/// way from the JSON bytes — with a total order on both sides that makes the orders identical — and
/// random longer ASCII strings, rich in case pairs, must agree with ICU one by one.
/// </summary>
public class AsciiFastPathTests
{
    private static readonly CompareInfo Icu = CultureInfo.InvariantCulture.CompareInfo;

    [Fact]
    public void Every_string_of_up_to_two_ascii_characters_sorts_as_icu_sorts_it()
    {
        var strings = new List<string> { "" };
        for (char a = '\0'; a < 128; a++)
        {
            strings.Add(a.ToString());
            for (char b = '\0'; b < 128; b++) strings.Add(new string([a, b]));
        }
        strings.Sort((x, y) => Icu.Compare(x, y, CompareOptions.None));
        AssertAdjacentPairsAgree(strings);
        // Among strings the fast path covers alone (no ignorable controls) its order is a total order
        // of its own; agreeing on these neighbours makes it ICU's order on all of them.
        AssertAdjacentPairsAgree([.. strings.Where(s => !s.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\v' or '\f' or '\r')))]);
    }

    private static void AssertAdjacentPairsAgree(List<string> sortedByIcu)
    {
        var json = sortedByIcu.Select(s => Encoding.UTF8.GetBytes(Quote(s))).ToArray();
        for (int i = 0; i + 1 < sortedByIcu.Count; i++)
        {
            int expected = Math.Sign(Icu.Compare(sortedByIcu[i], sortedByIcu[i + 1], CompareOptions.None));
            Assert.True(expected == ViewCollation.Compare(json[i], json[i + 1]), $"{Quote(sortedByIcu[i])} vs {Quote(sortedByIcu[i + 1])}");
            Assert.True(-expected == ViewCollation.Compare(json[i + 1], json[i]), $"{Quote(sortedByIcu[i + 1])} vs {Quote(sortedByIcu[i])}");
        }
    }

    [Fact]
    public void Random_ascii_strings_compare_as_icu_compares_them()
    {
        var random = new Random(20240611);
        const string alphabet = "aAbBzZ019 _-.,~$`^\"\\/\t\n";
        for (int n = 0; n < 200_000; n++)
        {
            string x = RandomString(random, alphabet), y = random.Next(4) == 0 ? Mutate(random, x, alphabet) : RandomString(random, alphabet);
            int expected = Math.Sign(Icu.Compare(x, y, CompareOptions.None));
            int actual = ViewCollation.Compare(Encoding.UTF8.GetBytes(Quote(x)), Encoding.UTF8.GetBytes(Quote(y)));
            Assert.True(expected == actual, $"{Quote(x)} vs {Quote(y)}: ICU {expected}, ours {actual}");
        }
    }

    [Fact]
    public void Strings_mixing_ascii_and_other_characters_fall_back_to_icu()
    {
        var random = new Random(7);
        const string alphabet = "aAeE\u00e9\u00c9\u0301\u200b\u0001 -";
        for (int n = 0; n < 20_000; n++)
        {
            string x = RandomString(random, alphabet), y = RandomString(random, alphabet);
            int expected = Math.Sign(Icu.Compare(x, y, CompareOptions.None));
            Assert.Equal(expected, ViewCollation.Compare(Encoding.UTF8.GetBytes(Quote(x)), Encoding.UTF8.GetBytes(Quote(y))));
        }
    }

    private static string RandomString(Random random, string alphabet)
    {
        var chars = new char[random.Next(0, 9)];
        for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }

    // The same string with one character's case flipped or one character changed: near misses.
    private static string Mutate(Random random, string text, string alphabet)
    {
        if (text.Length == 0) return text;
        var chars = text.ToCharArray();
        int at = random.Next(chars.Length);
        chars[at] = char.IsLetter(chars[at]) && random.Next(2) == 0
            ? (char.IsUpper(chars[at]) ? char.ToLowerInvariant(chars[at]) : char.ToUpperInvariant(chars[at]))
            : alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }

    // JSON with every non-alphanumeric character \u-escaped half of the time, so both spellings are covered.
    private static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c is '"' or '\\' || c < 0x20 || (!char.IsAsciiLetterOrDigit(c) && (c * 7 + text.Length) % 2 == 0))
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else
                json.Append(c);
        }
        return json.Append('"').ToString();
    }
}
