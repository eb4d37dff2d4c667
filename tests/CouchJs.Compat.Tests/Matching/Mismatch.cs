namespace CouchJs.Compat.Tests.Matching;

/// <summary>One difference between a fixture's expectation and the server's answer.</summary>
/// <param name="Path">Where: <c>status</c>, <c>header ETag</c>, <c>body</c> or a JSON path like <c>$.rows[0].id</c>.</param>
/// <param name="Message">What differs, expected against actual.</param>
public sealed record Mismatch(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
