using System.CommandLine;

namespace Moderation.Datasets.Cli;

/// <summary>The corpus and tokenizer commands of the `moderation` CLI.</summary>
public static class DatasetCommands
{
    public static IEnumerable<Command> Create() => [];
}
