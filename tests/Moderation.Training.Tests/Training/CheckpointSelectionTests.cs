using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

public sealed class CheckpointSelectionTests
{
    [Theory]
    [InlineData(CheckpointMetric.Loss)]
    [InlineData(CheckpointMetric.PeopleAp)]
    [InlineData(CheckpointMetric.Ap)]
    public void The_kept_model_is_the_validation_best_under_the_chosen_metric(CheckpointMetric metric)
    {
        var root = FixtureCorpus.NewRoot();
        var observer = new RecordingObserver();
        var outcome = TrainingRun.Start(FixtureCorpus.Options(root) with { EvalEvery = 2, SelectBy = metric }, observer, CancellationToken.None);

        Assert.True(observer.Validations.Count >= 6);
        Assert.All(observer.Validations, v => Assert.NotNull(v.Result.PeopleInappropriateAp));
        var best = observer.Validations.OrderByDescending(v => metric.Score(v.Result)).ThenBy(v => v.Step).First();
        Assert.Equal(best.Step, outcome.State.BestStep);
        Assert.Equal(metric.Score(best.Result), outcome.State.BestScore);
    }

    [Fact]
    public void Loss_and_people_ap_pick_different_steps_on_the_fixture_so_the_option_matters()
    {
        var observer = new RecordingObserver();
        TrainingRun.Start(FixtureCorpus.Options(FixtureCorpus.NewRoot()) with { EvalEvery = 2 }, observer, CancellationToken.None);

        var byLoss = observer.Validations.MinBy(v => v.Result.Loss).Step;
        var byAp = observer.Validations.OrderByDescending(v => v.Result.PeopleInappropriateAp).ThenBy(v => v.Step).First().Step;
        Assert.NotEqual(byLoss, byAp);
    }

    [Fact]
    public void Scores_read_higher_as_better_and_fall_back_without_people_positives()
    {
        var result = new ValidationResult(0.7, 0.9, 0.5, 0.5, 0.1, 100, InappropriateAp: 0.6, PeopleInappropriateAp: 0.4);
        Assert.Equal(-0.7, CheckpointMetric.Loss.Score(result));
        Assert.Equal(0.4, CheckpointMetric.PeopleAp.Score(result));
        Assert.Equal(0.6, CheckpointMetric.Ap.Score(result));
        Assert.Equal(0.6, CheckpointMetric.PeopleAp.Score(result with { PeopleInappropriateAp = null }));
    }
}
