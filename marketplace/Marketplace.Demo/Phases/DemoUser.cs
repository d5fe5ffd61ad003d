namespace Marketplace.Demo.Phases;

/// <summary>A signed-in account of the scenario.</summary>
public sealed record DemoUser(string Email, Guid Id, string Token);
