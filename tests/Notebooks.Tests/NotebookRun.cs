using System.Diagnostics;

namespace Notebooks.Tests;

/// <summary>One `dotnet run notebooks/NAME.cs -- ARGS` from the repository root, with its exit code and output.</summary>
public sealed record NotebookRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<NotebookRun> StartAsync(string notebook, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", $"notebooks/{notebook}.cs", "--" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables point a nested build at the wrong SDK pieces.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        // A guard against a hung build, not a speed assertion: the first build of a notebook takes tens of seconds.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new NotebookRun(process.ExitCode, await stdout, await stderr);
    }
}
