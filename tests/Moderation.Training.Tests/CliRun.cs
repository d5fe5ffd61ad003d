using System.CommandLine;

namespace Moderation.Training.Tests;

/// <summary>
/// Runs `moderation` commands in-process and captures stderr (the one-line error the CLI promises).
/// Swapping the process-wide Console.Error is safe here: the assembly runs its tests one at a time.
/// </summary>
internal static class CliRun
{
    public static (int Code, string Error) Invoke(IEnumerable<Command> commands, params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            return (root.Parse(args).Invoke(), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
