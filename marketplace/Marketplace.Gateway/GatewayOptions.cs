namespace Marketplace.Gateway;

/// <summary>The <c>Gateway</c> section: where the API instances are and how their health is judged.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Each API instance's base address (<c>Gateway:Destinations:0</c>, <c>:1</c>, ...); at least one.</summary>
    public List<string> Destinations { get; init; } = [];

    /// <summary>How often each instance's <c>/readyz</c> is asked (default 2 s).</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one <c>/readyz</c> may take before it counts as a failure (default 2 s).</summary>
    public TimeSpan HealthCheckTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed <c>/readyz</c> answers in a row that take an instance out (default 2).</summary>
    public int UnhealthyAfterFailures { get; init; } = 2;

    /// <summary>How long an instance that failed requests at the transport (refused, reset) stays out (default 5 s).</summary>
    public TimeSpan ReactivationPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem with the settings, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Destinations.Count == 0)
        {
            problems.Add("Gateway:Destinations is empty: give each API instance's address (Gateway:Destinations:0=http://127.0.0.1:5101).");
        }

        foreach (var destination in Destinations)
        {
            if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"Gateway:Destinations has '{destination}', which is not an absolute http or https address.");
            }
        }

        if (Destinations.Distinct(StringComparer.OrdinalIgnoreCase).Count() != Destinations.Count)
        {
            problems.Add("Gateway:Destinations names an instance twice.");
        }

        if (HealthCheckInterval <= TimeSpan.Zero || HealthCheckTimeout <= TimeSpan.Zero || ReactivationPeriod <= TimeSpan.Zero)
        {
            problems.Add("Gateway:HealthCheckInterval, HealthCheckTimeout and ReactivationPeriod must be positive.");
        }

        if (UnhealthyAfterFailures < 1)
        {
            problems.Add("Gateway:UnhealthyAfterFailures must be at least 1.");
        }

        return problems;
    }
}
