using System.Globalization;
using Moderation.Training.Training;
using Spectre.Console;
using ValidationResult = Moderation.Training.Training.ValidationResult;

namespace Moderation.Training.Cli;

/// <summary>
/// Draws a run on the console: on a terminal a live progress bar whose line shows loss, learning rate,
/// throughput, expert load and ETA; when output is redirected, one log line every <c>logEvery</c> steps.
/// Validations and checkpoints are always printed as lines.
/// </summary>
internal sealed class TrainingProgressDisplay(ProgressTask? task, int logEvery) : ITrainingObserver
{
    private long startStep;
    private DateTime startTime = DateTime.UtcNow;

    public void OnMessage(string message) => AnsiConsole.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");

    public void OnStart(TrainerState state, long totalSteps)
    {
        startStep = state.Step;
        startTime = DateTime.UtcNow;
        if (task is not null)
        {
            task.MaxValue = totalSteps;
            task.Value = state.Step;
        }
    }

    public void OnStep(StepReport r)
    {
        var line = Describe(r);
        if (task is not null)
        {
            task.Value = r.Step;
            task.Description = Markup.Escape(line);
        }
        else if (r.Step % logEvery == 0 || r.Step == r.TotalSteps)
        {
            AnsiConsole.WriteLine(line);
        }
    }

    public void OnValidation(long step, ValidationResult v, bool improved) => AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
        $"[blue]validation @ {step}[/]: loss {v.Loss:F4}, family acc {v.FamilyAccuracy:P2}, inappropriate P {v.InappropriatePrecision:P1} R {v.InappropriateRecall:P1} AP {v.InappropriateAp:F3} (people {v.PeopleInappropriateAp:F3}), expert load CV {v.ExpertLoadCv:F3}{(improved ? " [green](best, saved)[/]" : "")}");

    public void OnCheckpoint(long step, string path) => AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"[grey]checkpoint @ {step}: {Markup.Escape(path)}[/]");

    private string Describe(StepReport r)
    {
        var done = r.Step - startStep;
        var wall = DateTime.UtcNow - startTime;
        var eta = done > 0 ? TimeSpan.FromSeconds(wall.TotalSeconds / done * (r.TotalSteps - r.Step)) : TimeSpan.Zero;
        var shares = string.Join(" | ", r.ExpertShares.Select(layer => string.Join(" ", layer.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))));
        return string.Create(CultureInfo.InvariantCulture,
            $"step {r.Step}/{r.TotalSteps} loss {r.Loss:F4} lr {r.LearningRate:E2} τ {r.RouterTemperature:F2} T {r.LanguageTemperature:F2} {r.TokensPerSecond:F0} tok/s experts [{shares}] cv {r.ExpertLoadCv:F3} ETA {eta:hh\\:mm\\:ss}");
    }
}
