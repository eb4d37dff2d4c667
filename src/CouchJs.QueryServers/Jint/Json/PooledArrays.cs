using System.Buffers;

namespace CouchJs.QueryServers.Jint.Json;

/// <summary>Growing an array rented from the shared pool while it is being filled.</summary>
internal static class PooledArrays
{
    /// <summary>Replaces <paramref name="items"/> by a rented array twice as long holding the same items, returning the old one.</summary>
    public static void Grow<T>(ref T[] items)
    {
        var larger = ArrayPool<T>.Shared.Rent(items.Length * 2);
        items.CopyTo(larger, 0);
        ArrayPool<T>.Shared.Return(items, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        items = larger;
    }
}
