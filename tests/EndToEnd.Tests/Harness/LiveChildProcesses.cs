using System.Collections.Concurrent;
using System.Diagnostics;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// Every child process this test run started and has not yet seen exit. Fixtures kill theirs on dispose; this is
/// the last line for a run that ends without disposing (an unhandled crash of the runner, Ctrl-C): the process
/// exit handler kills whatever is left, so no service outlives the tests.
/// </summary>
internal static class LiveChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Processes = new();

    static LiveChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    public static void Add(Process process) => Processes[process.Id] = process;

    public static void Remove(Process process) => Processes.TryRemove(process.Id, out _);

    private static void KillAll()
    {
        foreach (var process in Processes.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
