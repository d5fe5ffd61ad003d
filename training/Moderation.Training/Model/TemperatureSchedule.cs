namespace Moderation.Training.Model;

/// <summary>How a value moves from its start to its end over the schedule.</summary>
public enum AnnealKind
{
    Linear,
    Cosine,
    Exponential,
}

/// <summary>
/// A value annealed from <see cref="Start"/> (step 0) to <see cref="End"/> (step ≥ <see cref="Steps"/>):
/// linear s + (e − s)·t, cosine e + (s − e)·(1 + cos πt)/2, exponential s·(e/s)^t, with t = step/steps
/// clamped to [0, 1]. Used for the router temperature τ and the language-sampling temperature T.
/// </summary>
public sealed record TemperatureSchedule(double Start, double End, long Steps, AnnealKind Kind = AnnealKind.Linear)
{
    public void Validate()
    {
        if (Steps < 1 || Start < 0 || End < 0)
        {
            throw new ArgumentException("invalid temperature schedule: Steps must be ≥ 1 and temperatures ≥ 0");
        }

        if (Kind == AnnealKind.Exponential && (Start <= 0 || End <= 0))
        {
            throw new ArgumentException("invalid temperature schedule: an exponential schedule needs positive start and end");
        }
    }

    public double At(long step)
    {
        var t = Math.Clamp((double)step / Steps, 0, 1);
        return Kind switch
        {
            AnnealKind.Linear => Start + ((End - Start) * t),
            AnnealKind.Cosine => End + ((Start - End) * (1 + Math.Cos(Math.PI * t)) / 2),
            AnnealKind.Exponential => Start * Math.Pow(End / Start, t),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    /// <summary>Parses "linear", "cosine" or "exponential" (case-insensitive).</summary>
    public static AnnealKind ParseKind(string text) => Enum.TryParse<AnnealKind>(text, ignoreCase: true, out var kind)
        ? kind
        : throw new ArgumentException($"unknown schedule '{text}' (known: linear, cosine, exponential)");
}
