using System.Text.Json;
using System.Text.RegularExpressions;

namespace CouchJs.Database.Mango;

// The three normalization passes of mango_selector:normalize: operators (validate arguments, make
// implicit $eq and $and explicit), fields (push names down to the operators as dotted paths), and
// negations (move $not and $nor to the leaves by De Morgan's laws).
public sealed partial class Selector
{
    private static readonly JsonElement True = JsonDocument.Parse("true").RootElement.Clone();
    private static readonly JsonElement False = JsonDocument.Parse("false").RootElement.Clone();

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private static SelectorNode NormOps(JsonElement selector)
    {
        if (selector.ValueKind != JsonValueKind.Object) return SelectorNode.Of("$eq", selector);
        var members = selector.EnumerateObject().ToList();
        return members.Count switch
        {
            0 => SelectorNode.Of("$eq", selector),
            1 => NormOp(members[0].Name, members[0].Value),
            _ => SelectorNode.Of("$and", [.. members.Select(m => NormOp(m.Name, m.Value))]),
        };
    }

    private static SelectorNode NormOp(string key, JsonElement arg)
    {
        switch (key)
        {
            case "$and" or "$or" or "$nor":
                if (arg.ValueKind != JsonValueKind.Array) throw BadArg(key, arg);
                return SelectorNode.Of(key, [.. arg.EnumerateArray().Select(NormOps)]);
            case "$not" or "$elemMatch" or "$allMatch" or "$keyMapMatch":
                if (arg.ValueKind != JsonValueKind.Object) throw BadArg(key, arg);
                return SelectorNode.Of(key, NormOps(arg));
            case "$in" or "$nin" or "$all":
                return arg.ValueKind == JsonValueKind.Array ? SelectorNode.Of(key, arg) : throw BadArg(key, arg);
            case "$exists":
                return arg.ValueKind is JsonValueKind.True or JsonValueKind.False ? SelectorNode.Of(key, arg) : throw BadArg(key, arg);
            case "$type":
                return arg.ValueKind == JsonValueKind.String ? SelectorNode.Of(key, arg) : throw BadArg(key, arg);
            case "$mod":
                return IsModArgument(arg) ? SelectorNode.Of(key, arg) : throw BadArg(key, arg);
            case "$size":
                return JsonValues.IsInteger(arg) && arg.TryGetInt64(out long size) && size >= 0 ? SelectorNode.Of(key, arg) : throw BadArg(key, arg);
            case "$regex":
                if (arg.ValueKind != JsonValueKind.String) throw InvalidOperator(key);
                return SelectorNode.Of(key, arg, Compile(arg));
            case "$beginsWith":
                return arg.ValueKind == JsonValueKind.String ? SelectorNode.Of(key, arg) : throw InvalidOperator(key);
            case "$text":
                if (arg.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null) throw BadArg(key, arg);
                return SelectorNode.Of("$default", SelectorNode.Of("$text", arg));
            case "$default":
                // Passed through so normalization accepts its own output; only {$text: …} survives the field pass.
                return arg.ValueKind == JsonValueKind.Object && arg.EnumerateObject().ToList() is [{ Name: "$text" } text]
                    ? SelectorNode.Of(key, SelectorNode.Of("$text", text.Value))
                    : SelectorNode.Of(key, arg);
            case "$lt" or "$lte" or "$eq" or "$ne" or "$gte" or "$gt":
                return SelectorNode.Of(key, arg);
            case "$where" or "$geoWithin" or "$geoIntersects" or "$near" or "$nearSphere":
                throw NotSupported(key);
            default:
                if (key.StartsWith('$')) throw InvalidOperator(key);
                return SelectorNode.Of(key, NormOps(arg));
        }
    }

    // [Divisor, Remainder] as integers; a zero divisor would divide by zero at match time.
    private static bool IsModArgument(JsonElement arg) =>
        arg.ValueKind == JsonValueKind.Array && arg.GetArrayLength() == 2
        && JsonValues.IsInteger(arg[0]) && JsonValues.IsInteger(arg[1])
        && arg[0].TryGetInt64(out long divisor) && divisor != 0 && arg[1].TryGetInt64(out _);

    private static Regex Compile(JsonElement pattern)
    {
        try
        {
            return new Regex(pattern.GetString()!, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException)
        {
            throw BadArg("$regex", pattern);
        }
    }

    private static SelectorNode NormFields(SelectorNode node, string path)
    {
        switch (node.Key)
        {
            case "$and" or "$or" or "$nor":
                return SelectorNode.Of(node.Key, [.. node.Children!.Select(c => NormFields(c, path))]);
            case "$not":
                return SelectorNode.Of(node.Key, NormFields(node.Child!, path));
            case "$elemMatch" or "$allMatch" or "$keyMapMatch":
                return SelectorNode.Of(path, SelectorNode.Of(node.Key, NormFields(node.Child!, "")));
            case "$default":
                return node.Child is { Key: "$text" } && path.Length == 0 ? node : throw BadField(node);
            default:
                if (node.IsOperator) return SelectorNode.Of(path, node);
                return NormFields(node.Child!, path.Length == 0 ? node.Key : path + "." + node.Key);
        }
    }

    private static SelectorNode NormNegations(SelectorNode node) => node.Key switch
    {
        "$not" => Negate(node.Child!),
        "$nor" => SelectorNode.Of("$and", [.. node.Children!.Select(Negate)]),
        "$and" or "$or" => SelectorNode.Of(node.Key, [.. node.Children!.Select(NormNegations)]),
        "$elemMatch" or "$allMatch" or "$keyMapMatch" => SelectorNode.Of(node.Key, NormNegations(node.Child!)),
        _ => node,
    };

    private static SelectorNode Negate(SelectorNode node) => node.Key switch
    {
        "$not" => NormNegations(node.Child!),
        "$nor" => SelectorNode.Of("$or", [.. node.Children!.Select(NormNegations)]),
        "$and" => SelectorNode.Of("$or", [.. node.Children!.Select(Negate)]),
        "$or" => SelectorNode.Of("$and", [.. node.Children!.Select(Negate)]),
        "$default" => throw BadArg("$not", node),
        "$lt" => node.WithKey("$gte"),
        "$lte" => node.WithKey("$gt"),
        "$eq" => node.WithKey("$ne"),
        "$ne" => node.WithKey("$eq"),
        "$gte" => node.WithKey("$lt"),
        "$gt" => node.WithKey("$lte"),
        "$in" => node.WithKey("$nin"),
        "$nin" => node.WithKey("$in"),
        "$exists" => SelectorNode.Of("$exists", node.Value.GetBoolean() ? False : True),
        _ when node.IsOperator => SelectorNode.Of("$not", node),
        _ => SelectorNode.Of(node.Key, Negate(node.Child!)),
    };
}
