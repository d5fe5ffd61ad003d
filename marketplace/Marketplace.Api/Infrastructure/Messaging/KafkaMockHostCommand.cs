using System.CommandLine;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// <c>dotnet Marketplace.Api.dll kafka-mock [--brokers N] [--bootstrap-file PATH]</c>: hosts librdkafka's mock cluster
/// in a process of its own until SIGTERM or Ctrl-C, so several API instances on one machine share one Kafka over TCP
/// (each instance without <c>Kafka:BootstrapServers</c> would otherwise host a cluster of its own that no other
/// instance sees). Prints the bootstrap servers and, with <c>--bootstrap-file</c>, writes them there once the brokers
/// answer (written whole: a reader never sees half a line). Messages live as long as this process.
/// </summary>
public static class KafkaMockHostCommand
{
    public const string Verb = "kafka-mock";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var brokers = new Option<int>("--brokers") { Description = "Brokers in the mock cluster (1-9).", DefaultValueFactory = _ => 3 };
        var file = new Option<FileInfo?>("--bootstrap-file") { Description = "Write the bootstrap servers to this file." };
        var command = new RootCommand("Host librdkafka's mock Kafka cluster until stopped.") { brokers, file };
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync($"{Verb}: {parsed.Errors[0].Message}");
            return 2;
        }

        var brokerCount = parsed.GetValue(brokers);
        if (brokerCount is < 1 or > 9)
        {
            await error.WriteLineAsync($"{Verb}: --brokers must be 1 to 9, not {brokerCount}");
            return 2;
        }

        var config = new AdminClientConfig();
        config.Set("test.mock.num.brokers", brokerCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var host = new AdminClientBuilder(config).Build();
        string bootstrap;
        try
        {
            var metadata = host.GetMetadata(TimeSpan.FromSeconds(10));
            bootstrap = string.Join(',', metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        }
        catch (KafkaException ex)
        {
            await error.WriteLineAsync($"{Verb}: the mock cluster did not answer: {ex.Error.Reason}");
            return 1;
        }

        if (parsed.GetValue(file) is { } target)
        {
            try
            {
                target.Directory?.Create();
                var staging = target.FullName + ".tmp";
                await File.WriteAllTextAsync(staging, bootstrap + "\n");
                File.Move(staging, target.FullName, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"{Verb}: cannot write {target.FullName}: {ex.Message}");
                return 1;
            }
        }

        await output.WriteLineAsync($"kafka-mock: {brokerCount} brokers at {bootstrap}");
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await stopped.Task;
        await output.WriteLineAsync("kafka-mock: stopped");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped.TrySetResult();
        }
    }
}
