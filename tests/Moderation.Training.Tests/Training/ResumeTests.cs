using System.Text.Json;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

public sealed class ResumeTests
{
    [Fact]
    public void A_resumed_run_reproduces_the_uninterrupted_loss_curve()
    {
        var straightRoot = FixtureCorpus.NewRoot();
        var straight = new RecordingObserver();
        TrainingRun.Start(FixtureCorpus.Options(straightRoot), straight, CancellationToken.None);

        var root = FixtureCorpus.NewRoot();
        using var cancel = new CancellationTokenSource();
        var first = new RecordingObserver(cancel, cancelAfterStep: 5);
        var stopped = TrainingRun.Start(FixtureCorpus.Options(root), first, cancel.Token);
        Assert.Equal(StopReason.Cancelled, stopped.Reason);
        Assert.Equal(5, stopped.State.Step);

        var second = new RecordingObserver();
        var resumed = TrainingRun.Resume(Path.Combine(root, "run"), second, CancellationToken.None);
        Assert.Equal(StopReason.Completed, resumed.Reason);
        Assert.Equal(12, resumed.State.Step);

        var expected = straight.Steps.Select(s => (s.Step, s.Loss, s.LearningRate)).ToArray();
        var actual = first.Steps.Concat(second.Steps).Select(s => (s.Step, s.Loss, s.LearningRate)).ToArray();
        Assert.Equal(expected.Select(e => e.Step), actual.Select(a => a.Step));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.True(Math.Abs(e.Loss - a.Loss) <= 1e-6, $"step {e.Step}: uninterrupted loss {e.Loss}, resumed {a.Loss}");
            Assert.Equal(e.LearningRate, a.LearningRate, 12);
        }

        // The loss actually moved, so equal curves are not equal constants.
        Assert.NotEqual(expected[0].Loss, expected[^1].Loss);
    }

    [Fact]
    public void Cancelling_mid_run_writes_a_checkpoint_and_marks_the_run_killed()
    {
        var root = FixtureCorpus.NewRoot();
        using var cancel = new CancellationTokenSource();
        var observer = new RecordingObserver(cancel, cancelAfterStep: 3);
        var outcome = TrainingRun.Start(FixtureCorpus.Options(root), observer, cancel.Token);

        Assert.Equal(StopReason.Cancelled, outcome.Reason);
        var runDir = Path.Combine(root, "run");
        var checkpoint = Path.Combine(runDir, "checkpoints", "step-3");
        Assert.Equal(checkpoint, outcome.Checkpoint);
        foreach (var file in new[] { "model.safetensors", "optimizer.bin", "state.json" })
        {
            Assert.True(File.Exists(Path.Combine(checkpoint, file)), $"checkpoint lacks {file}");
        }

        Assert.Equal(3, TrainingCheckpoint.ReadState(checkpoint).Step);
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "run.json")));
        Assert.Equal("KILLED", run.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, run.RootElement.GetProperty("step").GetInt64());
        var meta = File.ReadAllText(Path.Combine(root, "mlruns", run.RootElement.GetProperty("experimentId").GetString()!, outcome.RunId, "meta.yaml"));
        Assert.Contains("status: 5\n", meta, StringComparison.Ordinal);
    }
}
