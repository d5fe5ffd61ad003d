using System.Text.Json;
using Moderation.Text;
using Moderation.Training.Model;
using Moderation.Training.Training;
using TorchSharp;

namespace Moderation.Training.Tests.Training;

/// <summary>`train --char-ngrams`: the run's config records the branch, the bag trains, and --resume restores it.</summary>
public sealed class CharNgramTrainingTests
{
    private static TrainOptions Options(string root) =>
        FixtureCorpus.Options(root) with { CharNgrams = true, CharNgramBuckets = 64, CharNgramDimension = 4, CheckpointEvery = 6, EvalEvery = 12 };

    [Fact]
    public void A_run_with_char_ngrams_records_the_branch_trains_the_bag_and_resume_continues_it()
    {
        var straightRoot = FixtureCorpus.NewRoot();
        var straight = new RecordingObserver();
        TrainingRun.Start(Options(straightRoot), straight, CancellationToken.None);
        var run = Path.Combine(straightRoot, "run");

        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunDirectory.ConfigFile))))
        {
            var block = config.RootElement.GetProperty("char_ngrams");
            Assert.Equal(64, block.GetProperty("buckets").GetInt32());
            Assert.Equal(4, block.GetProperty("dimension").GetInt32());
        }

        var options = TrainOptions.FromJson(File.ReadAllText(Path.Combine(run, RunDirectory.OptionsFile)));
        Assert.True(options.CharNgrams);
        Assert.Equal(64, options.CharNgramBuckets);

        // The bag trained: the kept model's table is not the one a fresh model of the same seed starts with.
        using var kept = ModerationModel.Load(Path.Combine(run, RunDirectory.ModelFile));
        torch.manual_seed(options.Seed);
        using var fresh = new ModerationModel(kept.Config);
        const string name = "heads.ngrams.weight";
        Assert.True((kept.state_dict()[name] - fresh.state_dict()[name]).abs().max().item<float>() > 1e-4, "the n-gram table should have trained");

        // Cancelled at step 6 and resumed, the run follows the straight run's loss curve: the bag (and its optimiser
        // state) came back from the checkpoint.
        var root = FixtureCorpus.NewRoot();
        using var cancel = new CancellationTokenSource();
        var first = new RecordingObserver(cancel, cancelAfterStep: 6);
        TrainingRun.Start(Options(root), first, cancel.Token);
        var second = new RecordingObserver();
        TrainingRun.Resume(Path.Combine(root, "run"), second, CancellationToken.None);
        var expected = straight.Steps.Select(s => (s.Step, s.Loss)).ToArray();
        var actual = first.Steps.Concat(second.Steps).Select(s => (s.Step, s.Loss)).ToArray();
        Assert.Equal(expected.Select(e => e.Step), actual.Select(a => a.Step));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.True(Math.Abs(e.Loss - a.Loss) <= 1e-6, $"step {e.Step}: uninterrupted loss {e.Loss}, resumed {a.Loss}");
        }

        using var resumed = ModerationModel.Load(Path.Combine(root, "run", RunDirectory.ModelFile));
        TestModels.AssertClose(kept.state_dict()[name], resumed.state_dict()[name], 1e-5);
    }

    [Fact]
    public void Without_the_option_the_run_has_no_branch()
    {
        Assert.False(new TrainOptions { Corpus = "c", Out = "o" }.CharNgrams);
        var root = FixtureCorpus.NewRoot();
        TrainingRun.Start(FixtureCorpus.Options(root, maxSteps: 2), new RecordingObserver(), CancellationToken.None);
        using var model = ModerationModel.Load(Path.Combine(root, "run", RunDirectory.ModelFile));
        Assert.Null(model.Config.CharNgrams);
        Assert.DoesNotContain(model.state_dict().Keys, k => k.Contains("ngrams", StringComparison.Ordinal));
    }

    [Fact]
    public void Training_batches_hash_each_rows_text_with_the_shared_hasher()
    {
        var tokenizer = XlmrTokenizer.Load(Path.Combine(FixtureCorpus.Directory, "tokenizer.model"));
        var config = TestModels.Tiny() with { CharNgrams = new CharNgramConfig { Buckets = 997, Dimension = 4 } };
        var source = NgramSource.For(config, tokenizer)!;
        var rows = new[] { "the seller shipped quickly", "продавец отправил", "" }
            .Select(t => tokenizer.Encode(TextNormalizer.Normalize(t), 32).Ids.ToArray()).ToArray();
        var examples = rows.Select(ids => new TrainingExample(ids, 0, new float[5], "en", false)).ToArray();
        using var batch = new MicroBatch(examples, TorchSharp.torch.CPU, source);
        var width = batch.Ngrams!.Width;
        var hasher = new CharNgramHasher(997);
        for (var r = 0; r < rows.Length; r++)
        {
            var expected = hasher.Hash(tokenizer.Decode(rows[r]));
            Assert.Equal(expected.Select(i => (long)i), batch.Ngrams.IdValues.Skip(r * width).Take(expected.Length));
            Assert.Equal(expected.Length, batch.Ngrams.MaskValues.Skip(r * width).Take(width).Sum());
        }

        Assert.Equal("the seller shipped quickly", tokenizer.Decode(rows[0]));
    }
}
