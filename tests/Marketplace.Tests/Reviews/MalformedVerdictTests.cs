using Marketplace.Api.Features.Reviews;
using Moderation.Inference.Tests;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// Answers without a usable verdict (a verdict missing its scores, none for the review, or an unreadable answer) from the service in front
/// of the real one: each counts against its review alone, which is held for a person at the bound, while the rest of
/// its batch is moderated.
/// </summary>
public sealed class MalformedVerdictTests : IAsyncLifetime
{
    private const string BrokenMarker = "zqx-malformed-verdict";
    private const string GarbledMarker = "zqx-garbled-answer";
    private const string MissingMarker = "zqx-missing-verdict";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SwitchedInference _rig = null!;

    public async ValueTask InitializeAsync() => _rig = await SwitchedInference.StartAsync();

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task Reviews_without_a_usable_verdict_are_held_for_a_person_after_the_bound_and_the_rest_of_their_batch_is_moderated()
    {
        _rig.Switch.MalformVerdictsOf(BrokenMarker);
        _rig.Switch.GarbleAnswersFor(GarbledMarker);
        _rig.Switch.DropVerdictsOf(MissingMarker);
        // The owner takes the submits; a worker instance started afterwards claims all four in one batch.
        await using var owner = new ReviewsApiFactory(_rig.Switch.Address, new Dictionary<string, string?> { ["Reviews:WorkerEnabled"] = "false" });
        await owner.InitializeAsync();
        var orders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => owner.OrderAsync()));
        var clean = await orders[0].SubmitAsync(_rig.Bundle.AllowText);
        var broken = await orders[1].SubmitAsync(_rig.Bundle.AllowText + " " + BrokenMarker);
        var garbled = await orders[2].SubmitAsync(_rig.Bundle.AllowText + " " + GarbledMarker);
        var missing = await orders[3].SubmitAsync(_rig.Bundle.AllowText + " " + MissingMarker);
        await using var worker = new ReviewsApiFactory(owner, _rig.Switch.Address, new Dictionary<string, string?> { ["Reviews:MaxMalformedVerdicts"] = "3" });
        await worker.InitializeAsync();

        Assert.Equal(ReviewStatuses.Published, (await orders[0].Buyer.Client.ModeratedAsync(clean)).Status);
        foreach (var (order, id) in new[] { (orders[1], broken), (orders[2], garbled), (orders[3], missing) })
        {
            Assert.Equal(ReviewStatuses.Held, (await order.Buyer.Client.ModeratedAsync(id)).Status);
            var parameter = new NpgsqlParameter("id", id);
            Assert.Equal(3, await owner.ScalarAsync("SELECT malformed_verdicts FROM reviews WHERE id = @id", parameter.Clone()));
            Assert.Equal(1, await owner.VerdictCountAsync(id, VerdictSources.Auto));
            Assert.Equal(1, await owner.ScalarAsync(
                "SELECT count(*) FROM review_verdicts WHERE review_id = @id AND action = 'hold' AND note LIKE 'inference sent no usable verdict 3 times%'",
                parameter.Clone()));
        }

        Assert.Equal(1, await owner.ScalarAsync("SELECT count(*) FROM review_verdicts WHERE review_id = @id", new NpgsqlParameter("id", clean)));
        Assert.Equal(0, await owner.ScalarAsync("SELECT malformed_verdicts FROM reviews WHERE id = @id", new NpgsqlParameter("id", clean)));

        // Held reviews are not asked about again.
        var calls = _rig.Switch.ModerateCalls;
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.Equal(calls, _rig.Switch.ModerateCalls);
    }
}
