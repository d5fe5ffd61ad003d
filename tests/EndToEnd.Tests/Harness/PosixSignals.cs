using System.Runtime.InteropServices;

namespace EndToEnd.Tests.Harness;

/// <summary>SIGTERM for a graceful stop: <see cref="System.Diagnostics.Process.Kill()"/> sends SIGKILL, which is the crash case.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
