using System.CommandLine;
using Moderation.Datasets.Cli;
using Moderation.Training.Cli;
using Moderation.Training.Export;

// The `moderation` CLI. Each capability contributes its own commands.
var root = new RootCommand("Moderation: corpus, tokenizer, model training, evaluation and export.");
foreach (var command in DatasetCommands.Create())
{
    root.Subcommands.Add(command);
}

root.Subcommands.Add(PretrainCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
foreach (var command in EvaluationCommands.Create())
{
    root.Subcommands.Add(command);
}

root.Subcommands.Add(ExportCommand.Create());

// Ctrl-C is left to the commands: `train` finishes its step and checkpoints, which may outlast any fixed grace period.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
