using System.Diagnostics;
using Moderation.Training.Model;
using Moderation.Training.Native;
using Moderation.Training.Tracking;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Training;

/// <summary>
/// The optimisation loop: per step, <see cref="TrainOptions.GradientAccumulation"/> micro-batches
/// (forward, loss / accumulation, backward), global-norm gradient clipping, AdamW with warm-up and
/// linear decay, router τ and language T from their schedules, and the weight average when on. Validates every N
/// steps (early stopping on the checkpoint metric, best model saved), checkpoints every M steps, and on cancellation
/// finishes the step in progress, checkpoints and returns.
/// </summary>
public sealed class Trainer
{
    private readonly ModerationModel model;
    private readonly OptimizerHelper optimizer;
    private readonly IReadOnlyList<Parameter> trainable;
    private readonly LengthBucketedBatcher batcher;
    private readonly Validator validator;
    private readonly TrainOptions options;
    private readonly IRunTracker tracker;
    private readonly ITrainingObserver observer;
    private readonly Device device;
    private readonly string runDirectory;
    private readonly ModerationLoss loss;
    private readonly WeightAverage? average;
    private readonly NgramSource? ngrams;

    public Trainer(ModerationModel model, OptimizerHelper optimizer, LengthBucketedBatcher batcher, Validator validator, TrainOptions options, IRunTracker tracker, ITrainingObserver observer, Device device, string runDirectory, ModerationLoss loss, WeightAverage? average = null, NgramSource? ngrams = null)
    {
        this.loss = loss;
        this.average = average;
        this.ngrams = ngrams;
        this.model = model;
        this.optimizer = optimizer;
        this.batcher = batcher;
        this.validator = validator;
        this.options = options;
        this.tracker = tracker;
        this.observer = observer;
        this.device = device;
        this.runDirectory = runDirectory;
        trainable = [.. model.parameters().Where(p => p.requires_grad)];
    }

    public (StopReason Reason, string? Checkpoint) Run(TrainerState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var total = state.TotalSteps;
        var warmup = options.WarmupSteps >= 0 ? options.WarmupSteps : Math.Max(1, (long)Math.Round(total * 0.06));
        var lr = new LearningRateSchedule(options.LearningRate, warmup, total);
        var router = options.RouterSchedule(total);
        var language = batcher.Sampler.Schedule;
        var clock = Stopwatch.StartNew();
        var startElapsed = state.ElapsedSeconds;
        var budget = options.MaxMinutes > 0 ? TimeSpan.FromMinutes(options.MaxMinutes) : TimeSpan.MaxValue;
        var window = new ExpertTokenCounts();
        var windowTokens = 0L;
        var windowClock = Stopwatch.StartNew();
        model.train();
        observer.OnStart(state, total);
        string? checkpoint = null;

        while (state.Step < total)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return (StopReason.Cancelled, Checkpoint(state, clock, startElapsed));
            }

            if (clock.Elapsed >= budget)
            {
                return (StopReason.TimeBudget, Checkpoint(state, clock, startElapsed));
            }

            var step = state.Step;
            var rate = lr.At(step);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }

            var tau = router.At(step);
            model.SetRoutingTemperature(tau);
            // No collection while libtorch runs the step: it could free a Scalar under a running call (NoGcRegion).
            using var region = NoGcRegion.Enter();
            optimizer.zero_grad();
            double lossSum = 0, familySum = 0, categorySum = 0, auxSum = 0;
            var stepLoad = new ExpertTokenCounts();
            for (var a = 0; a < options.GradientAccumulation; a++)
            {
                var micro = (step * options.GradientAccumulation) + a;
                torch.manual_seed(StepSeed.Derive(options.Seed, micro, stream: 2));
                using var scope = NewDisposeScope();
                using var batch = new MicroBatch(batcher.Batch(micro), device, ngrams);
                using var output = model.forward(batch.Ids, batch.Mask, null, batch.Ngrams);
                using var parts = loss.Compute(output, batch.Families, batch.Categories);
                (parts.Total / options.GradientAccumulation).backward();
                lossSum += parts.Total.item<float>();
                familySum += parts.Family;
                categorySum += parts.Categories;
                auxSum += parts.Aux;
                stepLoad.Add(output.Routing);
                window.Add(output.Routing);
                windowTokens += batch.Tokens;
                state.TokensSeen += batch.Tokens;
            }

            var gradNorm = options.ClipNorm > 0
                ? nn.utils.clip_grad_norm_(trainable, options.ClipNorm)
                : double.NaN;
            optimizer.step();
            average?.Update();
            region.Dispose();
            state.Step = step + 1;
            var n = options.GradientAccumulation;
            var elapsed = TimeSpan.FromSeconds(startElapsed + clock.Elapsed.TotalSeconds);
            var tokensPerSecond = windowTokens / Math.Max(1e-9, windowClock.Elapsed.TotalSeconds);
            var report = new StepReport(
                state.Step, total, lossSum / n, familySum / n, categorySum / n, auxSum / n, rate, tau, language.At(batcher.SamplerStep(step * n)), gradNorm,
                tokensPerSecond, elapsed,
                [.. Enumerable.Range(0, window.Layers).Select(window.Shares)], window.Cv);
            observer.OnStep(report);
            LogStep(report, stepLoad);
            if (state.Step % options.LogEvery == 0)
            {
                LogWindow(state.Step, window);
                window.Reset();
                windowTokens = 0;
                windowClock.Restart();
            }

            if (state.Step % options.EvalEvery == 0 || state.Step == total)
            {
                if (Validate(state))
                {
                    state.EarlyStopped = true;
                    state.ElapsedSeconds = startElapsed + clock.Elapsed.TotalSeconds;
                    return (StopReason.EarlyStopped, Checkpoint(state, clock, startElapsed));
                }
            }

            if (state.Step % options.CheckpointEvery == 0 || state.Step == total)
            {
                checkpoint = Checkpoint(state, clock, startElapsed);
            }
        }

        return (StopReason.Completed, checkpoint ?? Checkpoint(state, clock, startElapsed));
    }

    /// <summary>
    /// Validates (the weight average when there is one), saves that model when the run's checkpoint metric improved;
    /// true when patience ran out.
    /// </summary>
    private bool Validate(TrainerState state)
    {
        using var averaged = average?.Swap();
        var result = validator.Run(model);
        var score = options.SelectBy.Score(result);
        var improved = score > state.BestScore;
        state.LastValidation = result;
        if (improved)
        {
            state.BestScore = score;
            state.BestValidationLoss = result.Loss;
            state.BestStep = state.Step;
            state.BestValidation = result;
            state.ValidationsWithoutImprovement = 0;
            model.Save(Path.Combine(runDirectory, RunDirectory.ModelFile));
        }
        else
        {
            state.ValidationsWithoutImprovement++;
        }

        observer.OnValidation(state.Step, result, improved);
        tracker.LogMetrics(
        [
            MetricPoint.Now("val_loss", result.Loss, state.Step),
            MetricPoint.Now("val_family_accuracy", result.FamilyAccuracy, state.Step),
            MetricPoint.Now("val_inappropriate_precision", result.InappropriatePrecision, state.Step),
            MetricPoint.Now("val_inappropriate_recall", result.InappropriateRecall, state.Step),
            MetricPoint.Now("val_expert_load_cv", result.ExpertLoadCv, state.Step),
            .. new[] { ("val_inappropriate_ap", result.InappropriateAp), ("val_people_inappropriate_ap", result.PeopleInappropriateAp) }
                .Where(m => m.Item2 is not null).Select(m => MetricPoint.Now(m.Item1, m.Item2!.Value, state.Step)),
        ]);
        tracker.Flush();
        return options.Patience > 0 && state.ValidationsWithoutImprovement >= options.Patience;
    }

    private string Checkpoint(TrainerState state, Stopwatch clock, double startElapsed)
    {
        state.ElapsedSeconds = startElapsed + clock.Elapsed.TotalSeconds;
        var path = TrainingCheckpoint.Write(runDirectory, model, optimizer, state, options.KeepCheckpoints, average);
        tracker.Flush();
        observer.OnCheckpoint(state.Step, path);
        return path;
    }

    private void LogStep(StepReport r, ExpertTokenCounts stepLoad) => tracker.LogMetrics(
    [
        MetricPoint.Now("loss", r.Loss, r.Step),
        MetricPoint.Now("loss_family", r.FamilyLoss, r.Step),
        MetricPoint.Now("loss_categories", r.CategoryLoss, r.Step),
        MetricPoint.Now("loss_aux", r.AuxLoss, r.Step),
        MetricPoint.Now("lr", r.LearningRate, r.Step),
        MetricPoint.Now("router_temperature", r.RouterTemperature, r.Step),
        MetricPoint.Now("language_temperature", r.LanguageTemperature, r.Step),
        MetricPoint.Now("grad_norm", r.GradNorm, r.Step),
        MetricPoint.Now("step_expert_load_cv", stepLoad.Cv, r.Step),
    ]);

    private void LogWindow(long step, ExpertTokenCounts window)
    {
        var points = new List<MetricPoint> { MetricPoint.Now("expert_load_cv", window.Cv, step) };
        for (var layer = 0; layer < window.Layers; layer++)
        {
            var shares = window.Shares(layer);
            points.AddRange(shares.Select((s, e) => MetricPoint.Now($"expert_share.moe{layer}.e{e}", s, step)));
        }

        tracker.LogMetrics(points);
    }
}
