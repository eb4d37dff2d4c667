using System.Text;
using CouchJs.Compat.Tests.Fixtures;
using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Replay;

/// <summary>
/// The message of a failed exchange: which fixture and exchange, each mismatch with its path,
/// then the request as sent and the full response as received.
/// </summary>
public static class FailureReport
{
    private const int MaxBodyChars = 8000;

    public static string Format(
        Fixture fixture, Exchange exchange, WireRequest request, WireResponse response, IReadOnlyList<Mismatch> mismatches)
    {
        var text = new StringBuilder();
        text.Append($"fixture {fixture.Path} ({fixture.Name}), exchange {exchange.Number} of {fixture.Exchanges.Count}");
        if (exchange.Comment is { } comment) text.Append(": ").Append(comment);
        text.Append("\nsource: ").Append(fixture.Source).Append("\n\nmismatches:\n");
        foreach (Mismatch m in mismatches) text.Append("  ").Append(m).Append('\n');

        text.Append("\nrequest:\n> ").Append(request.Method).Append(' ').Append(request.Url).Append('\n');
        foreach (var (name, value) in request.Headers)
            text.Append("> ").Append(name).Append(": ").Append(name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? "(hidden)" : value).Append('\n');
        if (request.Body is { Length: > 0 } body) text.Append("> ").Append(Cut(Encoding.UTF8.GetString(body))).Append('\n');

        text.Append("\nactual response:\n< ").Append(response.Status).Append(' ').Append(response.Reason).Append('\n');
        foreach (var (name, value) in response.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
            text.Append("< ").Append(name).Append(": ").Append(value).Append('\n');
        text.Append("< ").Append(Cut(response.BodyText)).Append('\n');
        return text.ToString();
    }

    private static string Cut(string body) => body.Length <= MaxBodyChars ? body : body[..MaxBodyChars] + "…";
}
