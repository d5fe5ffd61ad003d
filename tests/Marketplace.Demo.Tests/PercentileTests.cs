using Marketplace.Demo.Summary;

namespace Marketplace.Demo.Tests;

public class PercentileTests
{
    [Fact]
    public void Nearest_rank_over_unsorted_values()
    {
        double[] values = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
        Assert.Equal(50, Percentile.Of(values, 0.5));
        Assert.Equal(100, Percentile.Of(values, 0.99));
        Assert.Equal(10, Percentile.Of(values, 0.01));
        Assert.Equal(0, Percentile.Of([], 0.5));
        Assert.Equal(7, Percentile.Of([7], 0.99));
    }
}
