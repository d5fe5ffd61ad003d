using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Features.Payments;
using Marketplace.Api.Infrastructure.Locking;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Locking;

/// <summary>
/// The refund retrier and the reservation reconciler on two API instances that share the database and the Redis
/// prefix: one instance runs each at a time, and the other takes over when the first stops.
/// </summary>
public sealed class JobLeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_run_each_background_job_one_at_a_time_and_the_second_takes_over_when_the_first_stops()
    {
        await using var owner = new JobHostFactory();
        await owner.InitializeAsync();
        await using var first = new JobHostFactory(owner);
        await first.InitializeAsync();
        var firstLeases = Leases(first);
        await WaitUntilAsync(() => firstLeases.All(l => l.Passes >= 2), "the first instance runs both jobs");

        await using var second = new JobHostFactory(owner);
        await second.InitializeAsync();
        var secondLeases = Leases(second);
        var before = firstLeases.Select(l => l.Passes).ToArray();

        // Both run for a while (5+ ticks each): the first keeps working, the second does nothing.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        Assert.All(firstLeases.Zip(before), pair => Assert.True(pair.First.Passes > pair.Second, $"{pair.First.Name} kept running on the first"));
        Assert.All(firstLeases, l => Assert.True(l.IsHeld, l.Name));
        Assert.All(secondLeases, l => Assert.Equal((0L, false), (l.Passes, l.IsHeld)));
        Assert.Contains(owner.KeyPrefix + "lock:job:refund-retrier", await owner.RedisKeysAsync());
        Assert.Contains(owner.KeyPrefix + "lock:job:reservation-reconciler", await owner.RedisKeysAsync());

        // The first stops (releasing its leases): the second takes both jobs over at its next ticks.
        await first.DisposeAsync();
        var stopped = firstLeases.Select(l => l.Passes).ToArray();
        await WaitUntilAsync(() => secondLeases.All(l => l.Passes >= 2), "the second instance took over");
        Assert.Equal(stopped, firstLeases.Select(l => l.Passes));
    }

    private static JobLease[] Leases(JobHostFactory host) =>
        [host.Services.GetRequiredService<RefundRetrier>().Lease, host.Services.GetRequiredService<ReservationReconciler>().Lease];

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not reached in time: " + what);
            await Task.Delay(50, Ct);
        }
    }
}
