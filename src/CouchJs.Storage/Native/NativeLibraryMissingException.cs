namespace CouchJs.Storage.Native;

/// <summary>A system library the storage engine calls is not installed; the message says what to install.</summary>
public sealed class NativeLibraryMissingException(string library, string package, Exception inner)
    : Exception($"The system library '{library}' could not be loaded. Install it (Debian/Ubuntu: apt-get install {package}) and restart.", inner)
{
    public string Library { get; } = library;
}
