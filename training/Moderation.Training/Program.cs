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

foreach (var command in EvaluationCommands.Create())
{
    root.Subcommands.Add(command);
}

root.Subcommands.Add(ExportCommand.Create());
return await root.Parse(args).InvokeAsync();
