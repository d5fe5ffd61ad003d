using Marketplace.Api.Features.Reviews;

namespace Marketplace.Tests.Reviews;

public sealed class ModerationBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(40, 60)]
    public void Doubles_from_the_base_up_to_the_cap_before_jitter(int attempts, double seconds)
    {
        // random → 1 is the un-jittered ceiling; random = 0 halves it.
        Assert.Equal(seconds, ModerationBackoff.Delay(attempts, Base, Max, 1).TotalSeconds, 6);
        Assert.Equal(seconds / 2, ModerationBackoff.Delay(attempts, Base, Max, 0).TotalSeconds, 6);
    }

    [Fact]
    public void Jitter_spreads_reviews_that_failed_together()
    {
        var delays = Enumerable.Range(0, 10).Select(i => ModerationBackoff.Delay(3, Base, Max, i / 10.0)).Distinct().ToList();

        Assert.Equal(10, delays.Count);
        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, 2, 4));
    }

    [Fact]
    public void Zero_attempts_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModerationBackoff.Delay(0, Base, Max, 0.5));
    }
}
