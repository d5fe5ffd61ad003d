using Marketplace.Api.Features.Reviews;

namespace Marketplace.Tests.Reviews;

public sealed class BatchBisectionTests
{
    [Fact]
    public async Task A_bad_item_is_halved_out_and_every_other_item_is_settled_once_in_order()
    {
        var settled = new List<int>();
        var calls = 0;
        var done = await BatchBisection.RunAsync<int>([.. Enumerable.Range(0, 8)], part =>
        {
            calls++;
            if (part.Contains(5) && part.Count > 1)
            {
                return Task.FromResult(BatchAttempt.Split);
            }

            settled.AddRange(part);
            return Task.FromResult(BatchAttempt.Done);
        });

        Assert.True(done);
        Assert.Equal(Enumerable.Range(0, 8), settled);
        // [0..7] splits, [0..3] settles, [4..7] splits, [4,5] splits, [4], [5] and [6,7] settle: 7 calls, not 8 singles.
        Assert.Equal(7, calls);
    }

    [Fact]
    public async Task A_stop_abandons_every_part_not_tried_yet_and_nothing_twice()
    {
        var settled = new List<int>();
        var abandoned = new List<int>();
        var done = await BatchBisection.RunAsync<int>(
            [.. Enumerable.Range(0, 8)],
            part =>
            {
                if (part.Count > 1 && part.Contains(0))
                {
                    return Task.FromResult(BatchAttempt.Split);
                }

                if (part.Contains(1))
                {
                    abandoned.AddRange(part); // the attempt deals with the part it stopped on (the worker backs it off)
                    return Task.FromResult(BatchAttempt.Stop);
                }

                settled.AddRange(part);
                return Task.FromResult(BatchAttempt.Done);
            },
            rest =>
            {
                abandoned.AddRange(rest);
                return Task.CompletedTask;
            });

        Assert.False(done);
        Assert.Equal([0], settled);
        // [1] stopped; then [2,3] and [4..7], the halves not tried yet, in the order the run would have reached them.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], abandoned);
        Assert.Equal(Enumerable.Range(0, 8), settled.Concat(abandoned).Order());
    }

    [Fact]
    public async Task A_single_item_cannot_be_split()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BatchBisection.RunAsync<int>([42], _ => Task.FromResult(BatchAttempt.Split)));
    }
}
