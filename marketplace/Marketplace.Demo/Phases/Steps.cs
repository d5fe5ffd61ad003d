using Spectre.Console;

namespace Marketplace.Demo.Phases;

/// <summary>Runs one phase under a Spectre progress bar (a line per phase when the output is not a terminal).</summary>
public static class Steps
{
    public static async Task<T> RunAsync<T>(string title, int total, Func<ProgressTask, Task<T>> work)
    {
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: Math.Max(1, total));
                result = await work(task);
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary><paramref name="body"/> for each item, <paramref name="concurrency"/> at a time, ticking the bar.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, ProgressTask task, Func<T, CancellationToken, Task> body, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (item, token) =>
        {
            await body(item, token);
            task.Increment(1);
        });
}
