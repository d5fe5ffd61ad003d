using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Warms_up_linearly_then_decays_linearly_to_zero()
    {
        var schedule = new LearningRateSchedule(1e-3, 10, 110);
        Assert.Equal(1e-4, schedule.At(0), 12);
        Assert.Equal(5e-4, schedule.At(4), 12);
        Assert.Equal(1e-3, schedule.At(9), 12);
        Assert.Equal(1e-3, schedule.At(10), 12);
        Assert.Equal(5e-4, schedule.At(60), 12);
        Assert.Equal(0, schedule.At(110), 12);
        Assert.Equal(0, schedule.At(500), 12);
    }
}
