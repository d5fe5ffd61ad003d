using Moderation.Training.Evaluation;
using Moderation.Training.Model;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

/// <summary>Training's expert-load figures are evaluation's calculation over the summed counts.</summary>
public sealed class ExpertTokenCountsTests
{
    [Fact]
    public void Counts_sum_over_batches_and_load_is_evaluations_calculation()
    {
        var counts = new ExpertTokenCounts();
        counts.Add([new RoutingStats([4, 4, 4, 10], Capacity: 16, DroppedFraction: 0), new RoutingStats([0, 0], Capacity: 4, DroppedFraction: 0)]);
        counts.Add([new RoutingStats([6, 6, 6, 20], Capacity: 16, DroppedFraction: 0), new RoutingStats([0, 0], Capacity: 4, DroppedFraction: 0)]);

        long[] summed = [10, 10, 10, 30];
        Assert.Equal(2, counts.Layers);
        Assert.Equal(ExpertLoad.Shares(summed), counts.Shares(0));
        Assert.Equal(ExpertLoad.CoefficientOfVariation(summed)!.Value, counts.LayerCv(0));
        Assert.Equal(Math.Sqrt(75) / 15, counts.LayerCv(0), 12);
        // A layer that routed nothing has no coefficient of variation in evaluation; training logs it as balanced.
        Assert.Null(ExpertLoad.CoefficientOfVariation([0, 0]));
        Assert.Equal(0, counts.LayerCv(1));
        Assert.Equal(counts.LayerCv(0) / 2, counts.Cv, 12);
    }
}
