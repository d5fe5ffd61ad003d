using System.Diagnostics;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// <c>dotnet Marketplace.Api.dll kafka-mock</c> as a child process: the one mock Kafka cluster that several marketplace
/// instances share over TCP, as <c>./run.sh --instances N</c> starts it. Ready once it wrote its bootstrap file.
/// </summary>
internal sealed class KafkaMockHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("e2e-kafka-").FullName;
    private Process? _process;

    public ProcessLog Log { get; } = new("kafka-mock");

    public string BootstrapServers { get; private set; } = "";

    public async Task StartAsync()
    {
        var file = Path.Combine(_folder, "bootstrap");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ChildProcessAssemblies.MarketplaceApi)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ChildProcessAssemblies.MarketplaceApi, "kafka-mock", "--bootstrap-file", file })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Log.Add("out", 1, e.Data);
        process.ErrorDataReceived += (_, e) => Log.Add("err", 1, e.Data);
        process.Start();
        LiveChildProcesses.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!File.Exists(file))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"kafka-mock did not start:\n{Log.Tail()}");
            }

            await Task.Delay(100);
        }

        BootstrapServers = (await File.ReadAllTextAsync(file)).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            LiveChildProcesses.Remove(process);
            process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
