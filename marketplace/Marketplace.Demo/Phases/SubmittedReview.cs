using Marketplace.Demo.Reviews;
using Marketplace.Demo.Wire;

namespace Marketplace.Demo.Phases;

/// <summary>A review the demo posted, the sample it came from, and the last state read back.</summary>
public sealed record SubmittedReview(SaleOrder Order, ReviewSample Sample, Guid ReviewId, ReviewView? Latest);
