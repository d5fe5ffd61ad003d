namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// One bad text can make the inference service refuse, or garble, a whole batch. Rather than fail every review in
/// it, the batch is halved until the bad one stands alone: the others are moderated meanwhile, and the attempt
/// settles the lone one itself. Used by the moderation worker and by re-moderation.
/// </summary>
public static class BatchBisection
{
    /// <summary>
    /// Tries <paramref name="batch"/>; on <see cref="BatchAttempt.Split"/> tries its halves the same way, the first
    /// half first. On <see cref="BatchAttempt.Stop"/> the halves not tried yet go to <paramref name="abandoned"/>,
    /// largest last, and the run ends. Returns false when it was stopped.
    /// </summary>
    /// <exception cref="InvalidOperationException">The attempt asked to split a single item.</exception>
    public static async Task<bool> RunAsync<T>(
        IReadOnlyList<T> batch, Func<IReadOnlyList<T>, Task<BatchAttempt>> attempt, Func<IReadOnlyList<T>, Task>? abandoned = null)
    {
        switch (await attempt(batch))
        {
            case BatchAttempt.Done:
                return true;
            case BatchAttempt.Stop:
                return false;
        }

        if (batch.Count < 2)
        {
            throw new InvalidOperationException("A single item cannot be split; the attempt must settle it.");
        }

        var half = batch.Count / 2;
        IReadOnlyList<T> first = [.. batch.Take(half)], second = [.. batch.Skip(half)];
        if (await RunAsync(first, attempt, abandoned))
        {
            return await RunAsync(second, attempt, abandoned);
        }

        if (abandoned is not null)
        {
            await abandoned(second);
        }

        return false;
    }
}
