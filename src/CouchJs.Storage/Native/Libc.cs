using System.Runtime.InteropServices;

namespace CouchJs.Storage.Native;

/// <summary>fdatasync: flushes file data without the metadata-only updates fsync also forces.</summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(nint fd);

    public static void DataSync(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (FDataSync(handle.DangerousGetHandle()) != 0)
                throw new IOException($"fdatasync failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }
}
