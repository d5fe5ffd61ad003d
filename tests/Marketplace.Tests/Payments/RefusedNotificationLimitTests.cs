using System.Diagnostics.Metrics;
using Marketplace.Api.Features.Payments;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Payments;

/// <summary>Refused notifications past a per-source and a total limit per window are counted in a metric, not stored.</summary>
public sealed class RefusedNotificationLimitTests(RefusedNotificationLimitTests.TightApiFactory api) : IClassFixture<RefusedNotificationLimitTests.TightApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refused_notifications_past_the_per_source_and_total_limits_are_counted_not_stored()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Counted from this host's own meter: the exported total is process-wide, other test classes refuse
        // notifications in parallel, and a host disposed meanwhile takes its share out of the total.
        var hostMeters = api.Services.GetRequiredService<IMeterFactory>();
        long unstored = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == hostMeters && instrument.Meter.Name == RefusedNotificationLimiter.MeterName
                    && instrument.Name == "marketplace.payments.notifications_unstored")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref unstored, value));
        listener.Start();

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
        Assert.Equal(5, Interlocked.Read(ref unstored));
        // And exported: this host's 5 are part of the process-wide total the scrape shows.
        var exported = await UnstoredAsync(value => value >= 5);
        Assert.True(exported >= 5, $"the exported unstored total is {exported}; this host alone counted 5");
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
