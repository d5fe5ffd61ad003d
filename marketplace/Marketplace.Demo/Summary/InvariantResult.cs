namespace Marketplace.Demo.Summary;

/// <summary>One property the run must have; <see cref="Detail"/> holds the figures it was judged on.</summary>
public sealed record InvariantResult(string Name, bool Passed, string Detail);
