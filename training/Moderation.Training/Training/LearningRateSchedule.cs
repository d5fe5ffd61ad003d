namespace Moderation.Training.Training;

/// <summary>Linear warm-up from 0 to the peak over <see cref="WarmupSteps"/>, then linear decay to 0 at <see cref="TotalSteps"/>.</summary>
public sealed record LearningRateSchedule(double Peak, long WarmupSteps, long TotalSteps)
{
    /// <summary>The rate for optimiser step <paramref name="step"/> (0-based: the first update uses At(0)).</summary>
    public double At(long step)
    {
        if (step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        var decay = Math.Max(1, TotalSteps - WarmupSteps);
        return Peak * Math.Max(0.0, 1.0 - ((double)(step - WarmupSteps) / decay));
    }
}
