using System.Net.Http.Json;

namespace EndToEnd.Tests.Api;

/// <summary>The marketplace's <c>/readyz</c> and <c>/metrics</c> as a probe and a scraper read them.</summary>
public static class Readiness
{
    public static async Task<string?> InferenceStatusAsync(this HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<ReadinessView>();
        return body?.Checks.TryGetValue("inference", out var check) == true ? check.Status : null;
    }

    /// <summary>The value of an unlabelled (or scope-labelled only) gauge line in the Prometheus text, or null.</summary>
    public static async Task<double?> GaugeAsync(this HttpClient client, string name)
    {
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                var value = line[(line.LastIndexOf(' ') + 1)..];
                return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
