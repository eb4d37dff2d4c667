using System.Text.Json;
using System.Text.RegularExpressions;

namespace CouchJs.Database.Mango;

// Matching a normalized selector against a value (mango_selector:match). raw: compare with Erlang's
// term order instead of the view collation (under an _id field).
public sealed partial class Selector
{
    private static bool Match(SelectorNode node, JsonElement value, bool raw)
    {
        switch (node.Key)
        {
            case "$and":
                foreach (var child in node.Children!)
                    if (!Match(child, value, raw)) return false;
                return true;
            case "$or":
                if (node.Children!.Length == 0) return true;
                foreach (var child in node.Children)
                    if (Match(child, value, raw)) return true;
                return false;
            case "$not":
                return !Match(node.Child!, value, raw);
            case "$all":
                return MatchAll(node.Value, value);
            case "":
                return Match(node.Child!, value, raw);
            case "$elemMatch":
                return value.ValueKind == JsonValueKind.Array && AnyElement(node.Child!, value.EnumerateArray(), raw);
            case "$allMatch":
                return value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && AllElements(node.Child!, value, raw);
            case "$keyMapMatch":
                return value.ValueKind == JsonValueKind.Object
                    && AnyElement(node.Child!, value.EnumerateObject().Select(m => JsonSerializer.SerializeToElement(m.Name)), raw);
            case "$lt": return Compare(value, node.Value, raw) < 0;
            case "$lte": return Compare(value, node.Value, raw) <= 0;
            case "$eq": return Compare(value, node.Value, raw) == 0;
            case "$ne": return Compare(value, node.Value, raw) != 0;
            case "$gte": return Compare(value, node.Value, raw) >= 0;
            case "$gt": return Compare(value, node.Value, raw) > 0;
            case "$in":
                return MatchIn(node.Value, value, raw);
            case "$nin":
                if (node.Value.GetArrayLength() == 0) return true;
                if (value.ValueKind == JsonValueKind.Array) return !MatchIn(node.Value, value, raw);
                foreach (var arg in node.Value.EnumerateArray())
                    if (Compare(value, arg, raw) == 0) return false;
                return true;
            case "$exists":
                // A missing field never gets here (see MatchField): the value exists.
                return node.Value.GetBoolean();
            case "$type":
                return node.Value.ValueEquals(JsonValues.TypeName(value));
            case "$mod":
                return JsonValues.IsInteger(value) && value.TryGetInt64(out long n)
                    && Remainder(n, node.Value[0].GetInt64()) == node.Value[1].GetInt64();
            case "$regex":
                return value.ValueKind == JsonValueKind.String && IsMatch(node.Pattern!, value.GetString()!);
            case "$size":
                return value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == node.Value.GetInt64();
            case "$beginsWith":
                return value.ValueKind == JsonValueKind.String && value.GetString()!.StartsWith(node.Value.GetString()!, StringComparison.Ordinal);
            case "$default":
                return true;
            default:
                if (node.IsOperator) throw InvalidOperator(node.Key);
                return MatchField(node, value, raw);
        }
    }

    private static bool MatchField(SelectorNode node, JsonElement value, bool raw)
    {
        var cond = node.Child!;
        return FieldPath.TryGet(value, node.Path!, out var field) switch
        {
            FieldPath.Lookup.NotFound => cond.Key == "$exists" && cond.Value.ValueKind == JsonValueKind.False,
            FieldPath.Lookup.BadPath => false,
            _ => Match(cond, field, raw || node.Key == "_id"),
        };
    }

    // Erlang's rem: the sign follows the dividend (as C#'s %, without its overflow on MinValue % -1).
    private static long Remainder(long n, long divisor) => divisor == -1 ? 0 : n % divisor;

    private static int Compare(JsonElement value, JsonElement arg, bool raw) =>
        raw ? JsonCollation.CompareRaw(value, arg) : JsonCollation.Compare(value, arg);

    // Every argument is an element of the array (exact term equality), or the one argument is the array itself.
    private static bool MatchAll(JsonElement args, JsonElement value)
    {
        if (args.GetArrayLength() == 0 || value.ValueKind != JsonValueKind.Array) return false;
        bool hasAll = true;
        foreach (var arg in args.EnumerateArray())
        {
            bool member = false;
            foreach (var item in value.EnumerateArray())
                if (JsonValues.TermEquals(arg, item, exact: true)) member = true;
            hasAll &= member;
        }
        return hasAll || (args.GetArrayLength() == 1 && args[0].ValueKind == JsonValueKind.Array && JsonValues.TermEquals(args[0], value, exact: false));
    }

    private static bool MatchIn(JsonElement args, JsonElement value, bool raw)
    {
        foreach (var arg in args.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                if (Compare(value, arg, raw) == 0) return true;
                continue;
            }
            foreach (var item in value.EnumerateArray())
                if (Compare(item, arg, raw) == 0) return true;
        }
        return false;
    }

    // Errors inside $elemMatch, $allMatch and $keyMapMatch count as no match (mango catches them).
    private static bool AnyElement(SelectorNode cond, IEnumerable<JsonElement> items, bool raw)
    {
        try
        {
            foreach (var item in items)
                if (Match(cond, item, raw)) return true;
            return false;
        }
        catch (CouchException)
        {
            return false;
        }
    }

    private static bool AllElements(SelectorNode cond, JsonElement array, bool raw)
    {
        try
        {
            foreach (var item in array.EnumerateArray())
                if (!Match(cond, item, raw)) return false;
            return true;
        }
        catch (CouchException)
        {
            return false;
        }
    }

    private static bool IsMatch(Regex pattern, string value)
    {
        try
        {
            return pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
