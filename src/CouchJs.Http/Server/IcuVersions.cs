using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace CouchJs.Http.Server;

/// <summary>
/// The libicu that .NET collates strings with (view collation compares strings through it), and
/// the versions <c>/_node/_local/_versions</c> reports as CouchDB's <c>collation_driver</c> does
/// (couch_ejson_compare: <c>u_getVersion</c>, and <c>ucol_getUCAVersion</c> / <c>ucol_getVersion</c>
/// of the root collator). ICU's C functions carry the major version as a suffix
/// (<c>u_getVersion_72</c>), read from the loaded library's file name. Null where .NET does not
/// collate with ICU (Windows NLS, invariant globalization).
/// </summary>
public sealed partial record IcuVersions(string LibraryVersion, string CollationAlgorithmVersion, string CollatorVersion)
{
    private static readonly Lazy<IcuVersions?> Loaded = new(Read);

    public static IcuVersions? Current => Loaded.Value;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void GetVersion(byte[] version);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr OpenCollator([MarshalAs(UnmanagedType.LPStr)] string locale, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void GetCollatorVersion(IntPtr collator, byte[] version);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void CloseCollator(IntPtr collator);

    private static IcuVersions? Read()
    {
        // A comparison makes .NET load its ICU libraries, if it uses ICU at all.
        _ = CultureInfo.InvariantCulture.CompareInfo.Compare("a", "b", CompareOptions.None);
        string? common = LoadedLibrary("libicuuc");
        string? i18n = LoadedLibrary("libicui18n");
        if (common is null || i18n is null || MajorVersion().Match(Path.GetFileName(common)) is not { Success: true } major) return null;
        string suffix = "_" + major.Groups[1].Value;
        try
        {
            var u = NativeLibrary.Load(common);
            var ucol = NativeLibrary.Load(i18n);
            var library = new byte[4];
            Export<GetVersion>(u, "u_getVersion" + suffix)(library);
            int status = 0;
            var collator = Export<OpenCollator>(ucol, "ucol_open" + suffix)("", ref status);
            if (collator == IntPtr.Zero || status > 0) return null;
            try
            {
                var uca = new byte[4];
                var version = new byte[4];
                Export<GetCollatorVersion>(ucol, "ucol_getUCAVersion" + suffix)(collator, uca);
                Export<GetCollatorVersion>(ucol, "ucol_getVersion" + suffix)(collator, version);
                return new IcuVersions(Text(library), Text(uca), Text(version));
            }
            finally
            {
                Export<CloseCollator>(ucol, "ucol_close" + suffix)(collator);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    private static string? LoadedLibrary(string name)
    {
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
            if (Path.GetFileName(module.FileName).StartsWith(name + ".so.", StringComparison.Ordinal)) return module.FileName;
        return null;
    }

    private static T Export<T>(IntPtr library, string name) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));

    // couch_util:version_to_binary: the parts joined with dots, trailing zeros dropped ({72,1,0,0} is "72.1").
    private static string Text(byte[] version)
    {
        int length = version.Length;
        while (length > 1 && version[length - 1] == 0) length--;
        return string.Join('.', version.Take(length));
    }

    [GeneratedRegex(@"\.so\.(\d+)")]
    private static partial Regex MajorVersion();
}
