namespace Marketplace.Demo.Reviews;

/// <summary>A review text with its language, the language family the taxonomy puts it in, and what it was written to be.</summary>
public sealed record ReviewSample(string Language, string Family, ReviewIntent Intent, int Rating, string Text);
