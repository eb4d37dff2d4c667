namespace CouchJs.Config;

public sealed partial class CouchConfig
{
    /// <summary>Raised after each <see cref="Set"/> or <see cref="Delete"/> with (section, key), on the writer's thread.</summary>
    public event Action<string, string>? Changed;

    /// <summary>
    /// Sets a value and returns the one it replaces (null if none). With <paramref name="persist"/>
    /// the writable ini file is edited too (keeping its comments and order); without one, or with
    /// <paramref name="persist"/> false, the change lasts until restart.
    /// </summary>
    /// <exception cref="InvalidConfigException">CouchDB would refuse the section, key or value.</exception>
    public string? Set(string section, string key, string value, bool persist = true)
    {
        ConfigValidation.Check(section, key, value);
        Apply(section, key, value, persist, static _ => true, out string? old);
        return old;
    }

    /// <summary>
    /// Deletes a value and returns it (null if none). With <paramref name="persist"/> its line
    /// leaves the writable file. As in CouchDB 3.4, a value the layers still hold (default.ini, an
    /// environment variable, local.ini when not persisting) then shows again, so what is read
    /// matches what a restart would read.
    /// </summary>
    public string? Delete(string section, string key, bool persist = true)
    {
        Apply(section, key, null, persist, static _ => true, out string? old);
        return old;
    }

    /// <summary>
    /// Forgets the changes made without persisting (CouchDB's <c>config:reload</c>, the
    /// <c>/_node/{node}/_config/_reload</c> endpoint): every key shows again what the files and the
    /// environment give it. <see cref="Changed"/> is raised for each key whose value changed.
    /// </summary>
    public void Reload()
    {
        ConfigSnapshot before, after;
        lock (_writeLock)
        {
            before = _snapshot;
            after = ConfigSnapshot.Merge([.. _fileLayers, _environmentLayer]);
            Volatile.Write(ref _snapshot, after);
        }
        foreach (var (section, key) in before.DifferentKeys(after)) Changed?.Invoke(section, key);
    }

    /// <summary>Writes under the lock when <paramref name="precondition"/> holds for the current value; null <paramref name="value"/> deletes.</summary>
    private bool Apply(string section, string key, string? value, bool persist, Predicate<string?> precondition, out string? old)
    {
        lock (_writeLock)
        {
            old = _snapshot.Get(section, key);
            if (!precondition(old)) return false;
            if (persist && _writablePath is not null)
            {
                // The file first: if it cannot be written, nothing changes.
                if (value is null)
                {
                    IniFileWriter.Remove(_writablePath, section, key);
                    _writableLayer!.Remove(section, key);
                }
                else
                {
                    IniFileWriter.Set(_writablePath, section, key, value);
                    _writableLayer!.Set(section, key, value);
                }
            }
            Volatile.Write(ref _snapshot, _snapshot.With(section, key, value ?? LayeredValue(section, key)));
        }
        Changed?.Invoke(section, key);
        return true;
    }

    /// <summary>The value the environment and the files give the key, highest layer first.</summary>
    private string? LayeredValue(string section, string key)
    {
        if (_environmentLayer.TryGet(section, key, out string value)) return value;
        for (int i = _fileLayers.Count - 1; i >= 0; i--)
            if (_fileLayers[i].TryGet(section, key, out value)) return value;
        return null;
    }
}
