using Moderation.Training.Model;
using Moderation.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Training;

public sealed class WeightAverageTests
{
    [Fact]
    public void Each_update_moves_the_average_toward_the_weights_by_the_warm_up_capped_decay()
    {
        using var model = TestModels.Build(TestModels.Tiny(moe: false));
        using var average = new WeightAverage(model, 0.99);
        var weight = model.named_parameters().First(p => p.name == "heads.categories.bias").parameter;
        var start = weight.detach().clone();

        Assert.Equal(0.1, average.NextDecay, 12);                // (1 + 0) / (10 + 0): the first update mostly takes the weights
        using (no_grad())
        {
            weight.add_(1.0f);
        }

        average.Update();
        using (average.Swap())
        {
            TestModels.AssertClose(start + 0.9f, weight);          // 0.1·start + 0.9·(start + 1)
        }

        TestModels.AssertClose(start + 1f, weight, 0);            // the live weights come back exactly
        for (var i = 0; i < 2000; i++)
        {
            average.Update();
        }

        Assert.Equal(0.99, average.NextDecay, 12);
        Assert.Equal(2001, average.Updates);
    }

    [Fact]
    public void A_saved_average_loads_back_and_refuses_another_models_file()
    {
        using var model = TestModels.Build(TestModels.Tiny(moe: false));
        using var average = new WeightAverage(model, 0.5);
        using (no_grad())
        {
            foreach (var p in model.parameters())
            {
                p.mul_(2);
            }
        }

        average.Update();
        var path = TestModels.TempFile("ema.safetensors");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        average.Save(path);

        using var copy = new WeightAverage(model, 0.5);
        copy.Load(path);
        Assert.Equal(1, copy.Updates);
        // The copy began at the doubled weights (2w); the saved average is 0.1·w + 0.9·2w: equal only if the load took.
        var live = model.parameters().First();
        Tensor fromFirst, fromCopy;
        using (average.Swap())
        {
            fromFirst = live.detach().clone();
        }

        using (copy.Swap())
        {
            fromCopy = live.detach().clone();
        }

        TestModels.AssertClose(fromFirst, fromCopy, 0);
        fromFirst.Dispose();
        fromCopy.Dispose();
        using var other = TestModels.Build(TestModels.Tiny(moe: true));
        using var wrong = new WeightAverage(other, 0.5);
        Assert.Throws<InvalidDataException>(() => wrong.Load(path));
    }

    [Fact]
    public void With_an_average_the_kept_model_is_the_average_not_the_last_weights_and_resume_continues_it()
    {
        var root = FixtureCorpus.NewRoot();
        var options = FixtureCorpus.Options(root) with { EmaDecay = 0.9, EvalEvery = 12, CheckpointEvery = 6 };
        TrainingRun.Start(options, new RecordingObserver(), CancellationToken.None);
        var run = Path.Combine(root, "run");
        var checkpoint = Path.Combine(run, "checkpoints", "step-12");

        using var kept = ModerationModel.Load(Path.Combine(run, RunDirectory.ModelFile));
        using var last = ModerationModel.Load(Path.Combine(checkpoint, "model.safetensors"));
        using var averaged = Moderation.Training.Checkpoints.SafetensorsFile.Open(Path.Combine(checkpoint, TrainingCheckpoint.AverageFile));
        const string name = "heads.categories.weight";
        using var averagedWeight = averaged.Read(name);
        TestModels.AssertClose(averagedWeight, kept.state_dict()[name], 0);
        Assert.True((last.state_dict()[name] - kept.state_dict()[name]).abs().max().item<float>() > 1e-4, "the average should differ from the last step's weights");

        // Resumed from step 6, the average continues from the checkpoint's and lands where the straight run's did.
        var resumedRoot = FixtureCorpus.NewRoot();
        using var cancel = new CancellationTokenSource();
        TrainingRun.Start(options with { Out = Path.Combine(resumedRoot, "run"), TrackingUri = Path.Combine(resumedRoot, "mlruns") }, new RecordingObserver(cancel, cancelAfterStep: 6), cancel.Token);
        TrainingRun.Resume(Path.Combine(resumedRoot, "run"), new RecordingObserver(), CancellationToken.None);
        using var resumed = ModerationModel.Load(Path.Combine(resumedRoot, "run", RunDirectory.ModelFile));
        TestModels.AssertClose(kept.state_dict()[name], resumed.state_dict()[name], 1e-5);
    }
}
