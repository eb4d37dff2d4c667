namespace CouchJs.Compat.Tests.Matching;

/// <summary>What a <c>{{kind}}</c> or <c>{{kind:name}}</c> placeholder in a fixture stands for.</summary>
public enum PlaceholderKind
{
    /// <summary>The fixture's fresh database name (a literal, never matched).</summary>
    Db,

    /// <summary>The server's base URL without a trailing slash, e.g. <c>http://127.0.0.1:5984</c>.</summary>
    Base,

    /// <summary>A revision <c>N-32hex</c>.</summary>
    Rev,

    /// <summary>32 lowercase hex characters.</summary>
    Uuid,

    /// <summary>An update sequence: a CouchDB 3.x string <c>"N-opaque"</c> or a plain integer.</summary>
    Seq,

    /// <summary>A number, a digit string (microseconds), an ISO 8601 or an RFC 1123 date.</summary>
    Timestamp,

    /// <summary>Anything, null included; the member must still be present.</summary>
    Any,

    /// <summary>Any JSON number.</summary>
    Number,

    /// <summary>Any JSON string.</summary>
    String,

    /// <summary>Any JSON array.</summary>
    Array,

    /// <summary>An attachment digest <c>md5-</c> + 24 base64 characters.</summary>
    Digest,

    /// <summary><c>{{regex:PATTERN}}</c>: a whole string matching PATTERN from start to end.</summary>
    Regex,

    /// <summary>First element of an expected array: the rest must appear in the actual array, in order.</summary>
    Contains,

    /// <summary>First element of an expected array: the rest must match the actual array in any order.</summary>
    Unordered,
}
