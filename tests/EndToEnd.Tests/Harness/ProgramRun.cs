using System.Diagnostics;

namespace EndToEnd.Tests.Harness;

/// <summary>A console program run to its end as a child process (killed if it outlives the limit), with its output.</summary>
internal static class ProgramRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string assemblyPath, IReadOnlyList<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var log = new ProcessLog(Path.GetFileNameWithoutExtension(assemblyPath));
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => log.Add("out", 1, e.Data);
        process.ErrorDataReceived += (_, e) => log.Add("err", 1, e.Data);
        process.Start();
        LiveChildProcesses.Add(process);
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"{start.FileName} {assemblyPath} did not finish within {limit.TotalSeconds:0}s:\n{log.Tail()}");
            }

            // WaitForExitAsync returns after the output streams closed, so the log is complete here.
            return (process.ExitCode, log.Tail(400));
        }
        finally
        {
            LiveChildProcesses.Remove(process);
        }
    }
}
