namespace Marketplace.Api.Features.Fulfilment;

/// <summary>Auto-completion settings, read from the <c>Orders</c> section next to the orders' own.</summary>
public sealed class AutoCompleteOptions
{
    /// <summary>A SHIPPED order the buyer has not confirmed completes this long after shipping (default seven days).</summary>
    public TimeSpan AutoCompleteAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the auto-completer looks for due orders (default one minute).</summary>
    public TimeSpan AutoCompleteSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Validate()
    {
        if (AutoCompleteAfter <= TimeSpan.Zero)
        {
            yield return "Orders:AutoCompleteAfter must be positive.";
        }

        if (AutoCompleteSweepInterval <= TimeSpan.Zero)
        {
            yield return "Orders:AutoCompleteSweepInterval must be positive.";
        }
    }
}
