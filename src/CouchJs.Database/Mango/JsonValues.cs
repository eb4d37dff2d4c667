using System.Globalization;
using System.Text.Json;

namespace CouchJs.Database.Mango;

/// <summary>
/// JSON values as CouchDB's Erlang side sees them: an integer literal and a float are different
/// terms (<c>1</c> vs <c>1.0</c>), objects keep their member order.
/// </summary>
public static class JsonValues
{
    /// <summary>A number written without fraction or exponent (jiffy decodes it as an integer).</summary>
    public static bool IsInteger(JsonElement number)
    {
        if (number.ValueKind != JsonValueKind.Number) return false;
        string raw = number.GetRawText();
        return raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
    }

    public static double Double(JsonElement number) =>
        number.TryGetDouble(out double d) ? d : double.Parse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>mango_json:type: null, boolean, number, string, array or object.</summary>
    public static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    /// <summary>
    /// Erlang term equality: <paramref name="exact"/> is <c>=:=</c> (an integer never equals a float),
    /// otherwise <c>==</c> (numbers compare by value). Strings compare by code points, objects member
    /// by member in order.
    /// </summary>
    public static bool TermEquals(JsonElement a, JsonElement b, bool exact)
    {
        if (a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                if (exact && IsInteger(a) != IsInteger(b)) return false;
                return JsonCollation.CompareNumbers(a, b) == 0;
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength()) return false;
                using (var ea = a.EnumerateArray().GetEnumerator())
                using (var eb = b.EnumerateArray().GetEnumerator())
                {
                    while (ea.MoveNext() && eb.MoveNext())
                        if (!TermEquals(ea.Current, eb.Current, exact)) return false;
                }
                return true;
            case JsonValueKind.Object:
                using (var ea = a.EnumerateObject().GetEnumerator())
                using (var eb = b.EnumerateObject().GetEnumerator())
                {
                    while (true)
                    {
                        bool moreA = ea.MoveNext(), moreB = eb.MoveNext();
                        if (moreA != moreB) return false;
                        if (!moreA) return true;
                        if (ea.Current.Name != eb.Current.Name || !TermEquals(ea.Current.Value, eb.Current.Value, exact)) return false;
                    }
                }
            default:
                return true;
        }
    }
}
