using System.Runtime.InteropServices;

namespace Gaceta.Media;

/// <summary>
/// How the C allocator used by libvips and its encoders hands memory back. By default glibc keeps a heap per
/// thread and, once a large block is freed, serves blocks of that size from those heaps and keeps them: after a
/// few renders the process holds far more than any one render needs. Two heaps, and blocks over 128 KB mapped
/// and unmapped on their own, keep the peak close to what a render uses. Elsewhere than glibc, nothing changes.
/// </summary>
internal static class NativeMemoryTuning
{
    private const int ArenaMax = -8;

    private const int MmapThreshold = -3;

    /// <summary>Whether the settings took: true on glibc.</summary>
    public static bool Applied { get; private set; }

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            // mallopt answers 1 when it took the setting.
            Applied = Mallopt(ArenaMax, 2) == 1 && Mallopt(MmapThreshold, 128 * 1024) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, for one): its allocator has neither setting.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int parameter, int value);
}
