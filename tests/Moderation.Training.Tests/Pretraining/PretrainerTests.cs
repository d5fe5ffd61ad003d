using Moderation.Training.Checkpoints;
using Moderation.Training.Model;
using Moderation.Training.Pretraining;
using Moderation.Training.Tests.Training;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Pretraining;

/// <summary>`moderation pretrain` on the fixture corpus: it learns, and `train --base-model` starts from what it wrote.</summary>
public sealed class PretrainerTests
{
    private static PretrainOptions Options(string root, long steps = 90) => new()
    {
        Corpus = FixtureCorpus.Directory,
        Out = Path.Combine(root, "pretrained"),
        TrackingUri = Path.Combine(root, "mlruns"),
        MaxSteps = steps,
        BatchSize = 16,
        LearningRate = 3e-3,
        EvalEvery = 30,
        EvalRows = 64,
        Threads = 1,
        ModelOverride = FixtureCorpus.Options(root).ModelOverride,
    };

    [Fact]
    public void Held_out_masked_token_loss_falls_and_the_directory_is_a_checkpoint_train_loads()
    {
        var root = FixtureCorpus.NewRoot();
        var options = Options(root);
        var outcome = Pretrainer.Run(options, _ => { }, _ => { }, TestContext.Current.CancellationToken);

        Assert.Equal(90, outcome.Steps);
        Assert.Equal("steps", outcome.StopReason);
        Assert.Equal([30L, 60L, 90L], outcome.History.Select(h => h.Step));
        // From random initialisation the loss starts near ln(V); the fixture's few words are learnt quickly.
        Assert.True(outcome.History[^1].Loss < outcome.History[0].Loss, $"held-out loss {outcome.History[0].Loss:F3} → {outcome.History[^1].Loss:F3}");
        foreach (var name in new[] { Pretrainer.ModelFile, "config.json", Pretrainer.TokenizerFile, Pretrainer.SummaryFile })
        {
            Assert.True(File.Exists(Path.Combine(options.Out, name)), name);
        }

        Assert.False(File.Exists(Path.Combine(options.Out, Pretrainer.ModelFile + ".partial")));
        Assert.True(Directory.EnumerateFiles(Path.Combine(root, "mlruns"), "meta.yaml", SearchOption.AllDirectories).Any());

        // The checkpoint fills every encoder tensor of the fine-tuning model; only the task heads start fresh.
        var config = (options.ModelOverride! with { NumFamilies = Moderation.Taxonomy.Families.All.Count, NumCategories = Moderation.Taxonomy.Categories.All.Count })
            with { VocabSize = Math.Max(options.ModelOverride!.VocabSize, Moderation.Text.XlmrTokenizer.Load(Path.Combine(options.Out, Pretrainer.TokenizerFile)).VocabularySize) };
        using var model = new ModerationModel(config);
        var report = HfCheckpointLoader.Load(model, options.Out);
        Assert.All(report.Missing, name => Assert.StartsWith("heads.", name, StringComparison.Ordinal));
        Assert.All(report.Unexpected, name => Assert.StartsWith("lm_head.", name, StringComparison.Ordinal));
        Assert.Contains("roberta.embeddings.word_embeddings.weight", model.state_dict().Keys);
        Assert.DoesNotContain(report.Missing, name => name.StartsWith("roberta.", StringComparison.Ordinal));
        using var file = SafetensorsFile.Open(Path.Combine(options.Out, Pretrainer.ModelFile));
        using var saved = file.Read("roberta.embeddings.word_embeddings.weight");
        Assert.True(saved.eq(model.state_dict()["roberta.embeddings.word_embeddings.weight"]).all().item<bool>());

        var run = FixtureCorpus.Options(root, maxSteps: 6) with { BaseModel = options.Out, Out = Path.Combine(root, "run") };
        var observer = new RecordingObserver();
        var trained = TrainingRun.Start(run, observer, TestContext.Current.CancellationToken);
        Assert.Equal(6, trained.State.Step);
        Assert.Contains(observer.Messages, m => m.StartsWith("base model:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_time_budget_stops_early_and_still_writes_a_whole_checkpoint()
    {
        var root = FixtureCorpus.NewRoot();
        var options = Options(root, steps: 1_000_000) with { MaxMinutes = 0.05 };
        var outcome = Pretrainer.Run(options, _ => { }, _ => { }, TestContext.Current.CancellationToken);

        Assert.Equal("time budget", outcome.StopReason);
        Assert.InRange(outcome.Steps, 1, 999_999);
        Assert.Equal(outcome.Steps, outcome.History[^1].Step);
        Assert.True(File.Exists(Path.Combine(options.Out, Pretrainer.ModelFile)));
    }

    [Fact]
    public void A_directory_that_already_holds_a_model_is_refused()
    {
        var root = FixtureCorpus.NewRoot();
        var options = Options(root);
        Directory.CreateDirectory(options.Out);
        File.WriteAllText(Path.Combine(options.Out, Pretrainer.ModelFile), "earlier");
        var error = Assert.Throws<TrainingSetupException>(() => Pretrainer.Run(options, _ => { }, _ => { }, TestContext.Current.CancellationToken));
        Assert.Contains("already holds", error.Message, StringComparison.Ordinal);
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(options.Out, Pretrainer.ModelFile)));
    }

    [Fact]
    public void A_run_interrupted_and_resumed_ends_with_the_weights_and_losses_of_an_unbroken_run()
    {
        var root = FixtureCorpus.NewRoot();
        var unbroken = Options(root, steps: 60) with { CheckpointEvery = 20, Out = Path.Combine(root, "unbroken") };
        var whole = Pretrainer.Run(unbroken, _ => { }, _ => { }, TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists(Path.Combine(unbroken.Out, CheckpointDirectory.Name)), "a finished run leaves nothing to resume");

        // Interrupted at step 35: between checkpoints, so the stop itself must write one.
        var broken = unbroken with { Out = Path.Combine(root, "broken") };
        using var interrupt = new CancellationTokenSource();
        var first = Pretrainer.Run(broken, p => { if (p.Step == 35) { interrupt.Cancel(); } }, _ => { }, interrupt.Token);
        Assert.Equal(("cancelled", 35L), (first.StopReason, first.Steps));
        Assert.Equal([20L, 35L], CheckpointDirectory.List(broken.Out).Select(c => c.Step));
        var error = Assert.Throws<TrainingSetupException>(() => Pretrainer.Run(broken, _ => { }, _ => { }, TestContext.Current.CancellationToken));
        Assert.Contains("--resume", error.Message, StringComparison.Ordinal);

        var logs = new List<string>();
        var rest = Pretrainer.Resume(broken.Out, _ => { }, logs.Add, TestContext.Current.CancellationToken);
        Assert.Equal(("steps", 60L), (rest.StopReason, rest.Steps));
        Assert.Contains(logs, l => l.Contains("step 35 of 60", StringComparison.Ordinal));
        Assert.Equal(whole.History.Select(h => (h.Step, h.Loss, h.Accuracy, h.TrainLoss)), rest.History.Select(h => (h.Step, h.Loss, h.Accuracy, h.TrainLoss)));
        Assert.Equal(first.RunId, rest.RunId);

        using var a = SafetensorsFile.Open(Path.Combine(unbroken.Out, Pretrainer.ModelFile));
        using var b = SafetensorsFile.Open(Path.Combine(broken.Out, Pretrainer.ModelFile));
        Assert.Equal(a.Names.Order(), b.Names.Order());
        foreach (var name in a.Names)
        {
            using var x = a.Read(name);
            using var y = b.Read(name);
            Assert.True(x.eq(y).all().item<bool>(), $"{name} differs after the resume");
        }

        var finished = Assert.Throws<TrainingSetupException>(() => Pretrainer.Resume(broken.Out, _ => { }, _ => { }, TestContext.Current.CancellationToken));
        Assert.Contains("nothing to resume", finished.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Continued_pretraining_starts_from_the_base_model_not_from_random_weights()
    {
        var root = FixtureCorpus.NewRoot();
        var first = Options(root, steps: 60) with { Out = Path.Combine(root, "first") };
        Pretrainer.Run(first, _ => { }, _ => { }, TestContext.Current.CancellationToken);

        var logs = new List<string>();
        var continued = Options(root, steps: 30) with { Out = Path.Combine(root, "continued"), BaseModel = first.Out, Seed = 43 };
        var warm = Pretrainer.Run(continued, _ => { }, logs.Add, TestContext.Current.CancellationToken);
        var cold = Pretrainer.Run(continued with { Out = Path.Combine(root, "cold"), BaseModel = null }, _ => { }, _ => { }, TestContext.Current.CancellationToken);

        Assert.Contains(logs, l => l.StartsWith("base model:", StringComparison.Ordinal));
        // Same seed, data and steps: only the starting weights differ, and 60 steps of head start show in the loss.
        Assert.True(warm.History[0].Loss < cold.History[0].Loss, $"held-out loss at step 30: continued {warm.History[0].Loss:F3}, from random {cold.History[0].Loss:F3}");
        Assert.Equal(30, warm.Steps);
    }

    [Fact]
    public void A_base_model_read_with_another_tokenizer_or_the_output_directory_itself_is_refused()
    {
        var root = FixtureCorpus.NewRoot();
        var other = Path.Combine(root, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, Pretrainer.ModelFile), "weights");
        File.WriteAllText(Path.Combine(other, Pretrainer.TokenizerFile), "another vocabulary");
        var options = Options(root) with { BaseModel = other };
        var error = Assert.Throws<TrainingSetupException>(() => Pretrainer.Run(options, _ => { }, _ => { }, TestContext.Current.CancellationToken));
        Assert.Contains("another tokenizer", error.Message, StringComparison.Ordinal);

        var itself = Assert.Throws<TrainingSetupException>(() => Pretrainer.Run(options with { BaseModel = options.Out }, _ => { }, _ => { }, TestContext.Current.CancellationToken));
        Assert.Contains("another directory than --out", itself.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(options.Out, Pretrainer.ModelFile)));
    }
}
