using System.Text.RegularExpressions;

namespace CouchJs.Database;

/// <summary>Database name rules (couch_db:validate_dbname).</summary>
public static partial class DbNames
{
    public const int MaxLength = 238;

    /// <summary>System databases a name may name although it starts with an underscore.</summary>
    public static readonly IReadOnlyList<string> SystemDbs = ["_users", "_replicator", "_global_changes"];

    public static bool IsValid(string name) =>
        name.Length <= MaxLength && (SystemDbs.Contains(name) || ValidName().IsMatch(name));

    public static void Validate(string name)
    {
        if (!IsValid(name))
            throw new CouchException(400, "illegal_database_name",
                $"Name: '{name}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.");
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_$()+/-]*\z")]
    private static partial Regex ValidName();
}
