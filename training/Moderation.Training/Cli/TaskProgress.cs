using Spectre.Console;

namespace Moderation.Training.Cli;

/// <summary>Reports rows done straight into a Spectre progress task (synchronously, unlike <see cref="Progress{T}"/>).</summary>
internal sealed class TaskProgress(ProgressTask task) : IProgress<int>
{
    public void Report(int value) => task.Value = value;
}
