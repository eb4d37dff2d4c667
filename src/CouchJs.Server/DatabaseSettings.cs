using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Storage.Compression;
using CouchJs.Storage.Files;

namespace CouchJs.Server;

/// <summary>Binds <c>[couchdb]</c> and <c>[attachments]</c> settings to the database layer's options.</summary>
public static class DatabaseSettings
{
    public static DatabaseOptions From(CouchConfig config)
    {
        string compression = config.Get("couchdb", "file_compression", "snappy");
        var types = config.Get("attachments", "compressible_types", "text/*, application/javascript, application/json, application/xml")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new DatabaseOptions
        {
            File = CouchFileOptions.Default with
            {
                Compression = FileCompression.Parse(compression),
                NodeCacheBytes = config.GetLong("couchdb", "node_cache_bytes", 32L << 20),
            },
            CompressibleTypes = types,
            AttachmentCompressionLevel = config.GetInt("attachments", "compression_level", 8),
        };
    }
}
