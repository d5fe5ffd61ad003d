using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Payments;

/// <summary>Refused notifications past a per-source and a total limit per window are counted in a metric, not stored.</summary>
public sealed class RefusedNotificationLimitTests(RefusedNotificationLimitTests.TightApiFactory api) : IClassFixture<RefusedNotificationLimitTests.TightApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refused_notifications_past_the_per_source_and_total_limits_are_counted_not_stored()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var before = await UnstoredAsync(_ => true);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("failure", await NotificationStorageTests.NotifyAsync(api, "10.0.0.1", new() { ["out_trade_no"] = $"{tag}-a-{i}", ["sign"] = "forged" }));
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("failure", await NotificationStorageTests.NotifyAsync(api, "10.0.0.2", new() { ["out_trade_no"] = $"{tag}-b-{i}", ["sign"] = "forged" }));
        }

        // Source A: its 3; source B: the 2 left of the total 5.
        Assert.Equal(3, await api.ScalarAsync($"SELECT count(*) FROM payment_notifications WHERE out_trade_no LIKE '{tag}-a-%' AND verdict = 'REFUSED'"));
        Assert.Equal(2, await api.ScalarAsync($"SELECT count(*) FROM payment_notifications WHERE out_trade_no LIKE '{tag}-b-%'"));
        // The counter is process-wide (the exporter listens to every host's meter of that name), and other test classes
        // in this process refuse notifications in parallel: so at least this test's 5 were counted.
        var after = await UnstoredAsync(value => value - before >= 5);
        Assert.True(after - before >= 5, $"unstored counter went from {before} to {after}; expected at least 5 more");
    }

    // The exporter may serve a scrape cached for a moment: read until the figure settles where expected.
    private async Task<long> UnstoredAsync(Func<long, bool> settled)
    {
        long value = -1;
        for (var attempt = 0; attempt < 40 && (value < 0 || !settled(value)); attempt++)
        {
            using var client = api.CreateClient();
            var text = await Reviews.PrometheusText.ScrapeAsync(client);
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("marketplace_payments_notifications_unstored_total", StringComparison.Ordinal));
            value = line is null ? 0 : long.Parse(line.Split(' ')[^1].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
            if (!settled(value))
            {
                await Task.Delay(100, Ct);
            }
        }

        return value;
    }

    /// <summary>Three per source, five in all.</summary>
    public sealed class TightApiFactory : NotificationStorageTests.LimitedApiFactory
    {
        protected override int RefusedTotal => 5;
    }
}
