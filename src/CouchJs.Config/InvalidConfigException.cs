namespace CouchJs.Config;

/// <summary>
/// A set that CouchDB's config would refuse. <see cref="Exception.Message"/> is CouchDB's reason
/// text (<c>Invalid configuration section</c>, <c>… key</c>, <c>… value</c>), which the HTTP layer
/// returns with a 400.
/// </summary>
public sealed class InvalidConfigException(string reason) : ArgumentException(reason)
{
    public const string InvalidSection = "Invalid configuration section";
    public const string InvalidKey = "Invalid configuration key";
    public const string InvalidValue = "Invalid configuration value";
}
