using System.Diagnostics;

namespace Marketplace.Tests.Payments;

/// <summary>The Alipay sandbox is a development tool: outside Development it refuses to run, with one line.</summary>
public sealed class SandboxEnvironmentTests
{
    [Fact]
    public async Task The_sandbox_refuses_to_run_in_production_with_one_line()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Alipay.Sandbox.dll"), "--urls", "http://127.0.0.1:0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Sandbox__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"sandbox-refused-{Guid.NewGuid():N}");
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));

        string stderr;
        try
        {
            stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Production", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(start.Environment["Sandbox__DataDirectory"]), "no keys are generated");
    }
}
