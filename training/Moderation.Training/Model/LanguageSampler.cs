namespace Moderation.Training.Model;

/// <summary>
/// Picks the language of each training batch with p(lang) ∝ n_lang^(1/T) (XLM's sampling), where
/// T follows its own schedule: T = 1 samples in proportion to the data, larger T flattens towards
/// uniform so rare languages get traffic.
/// </summary>
public sealed class LanguageSampler
{
    private readonly string[] languages;
    private readonly double[] counts;

    public LanguageSampler(IReadOnlyDictionary<string, long> examplesPerLanguage, TemperatureSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(examplesPerLanguage);
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Validate();
        var present = examplesPerLanguage.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        if (present.Length == 0)
        {
            throw new ArgumentException("language sampler needs at least one language with examples", nameof(examplesPerLanguage));
        }

        if (schedule.Start <= 0 || schedule.End <= 0)
        {
            throw new ArgumentException("language sampling temperature must stay positive", nameof(schedule));
        }

        languages = present.Select(kv => kv.Key).ToArray();
        counts = present.Select(kv => (double)kv.Value).ToArray();
        Schedule = schedule;
    }

    public TemperatureSchedule Schedule { get; }
    public IReadOnlyList<string> Languages => languages;

    /// <summary>p(lang) at <paramref name="step"/>, in <see cref="Languages"/> order.</summary>
    public IReadOnlyDictionary<string, double> Probabilities(long step)
    {
        var exponent = 1.0 / Schedule.At(step);
        // Scale by the largest count first so n^(1/T) cannot overflow.
        var max = counts.Max();
        var weights = counts.Select(n => Math.Pow(n / max, exponent)).ToArray();
        var sum = weights.Sum();
        return languages.Select((lang, i) => (lang, p: weights[i] / sum)).ToDictionary(x => x.lang, x => x.p);
    }

    public string Next(long step, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var probabilities = Probabilities(step);
        var u = random.NextDouble();
        var cumulative = 0.0;
        foreach (var lang in languages)
        {
            cumulative += probabilities[lang];
            if (u < cumulative)
            {
                return lang;
            }
        }

        return languages[^1];
    }
}
