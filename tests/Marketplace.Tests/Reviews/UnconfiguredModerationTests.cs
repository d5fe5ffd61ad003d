using Marketplace.Api.Features.Reviews;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>Without <c>Moderation:BaseUrl</c> the marketplace runs, takes reviews, and leaves them PENDING.</summary>
public sealed class UnconfiguredModerationTests : IAsyncLifetime
{
    private readonly ReviewsApiFactory _api = new(inference: null);

    public ValueTask InitializeAsync() => _api.InitializeAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task Reviews_are_accepted_and_wait_pending_untouched()
    {
        var order = await _api.OrderAsync();
        var id = await order.SubmitAsync("Great seller, fast delivery, would buy again!");
        // Several worker polls (every 100 ms here) pass; none may touch the review.
        await ReviewsApi.WaitUntilAsync(() => Task.FromResult(HostMeter.Observe(_api.Services, "marketplace.reviews.pending") == 1),
            TimeSpan.FromSeconds(10), "pending gauge");

        var review = await order.Buyer.Client.ReviewAsync(id);

        Assert.Equal(ReviewStatuses.Pending, review.Status);
        Assert.Equal(0, await _api.ScalarAsync("SELECT attempts FROM reviews WHERE id = @id", new NpgsqlParameter("id", id)));
        Assert.Equal(0, await _api.ScalarAsync("SELECT count(*) FROM review_verdicts"));
    }
}
