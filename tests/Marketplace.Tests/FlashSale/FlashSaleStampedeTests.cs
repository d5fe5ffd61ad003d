using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Api.Features.FlashSales;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// Stock 100, 2,000 buyers, each sending 3 concurrent purchases (6,000 requests, 200 in flight)
/// through the real HTTP pipeline, Redis, the mock Kafka cluster and PostgreSQL.
/// </summary>
public sealed class FlashSaleStampedeTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    private const int Stock = 100;
    private const int Buyers = 2000;
    private const int RequestsPerBuyer = 3;

    [Fact]
    public async Task Exactly_stock_orders_one_per_buyer_and_every_202_becomes_one_order()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(Stock);
        var buyers = await BulkBuyers.CreateAsync(api, Buyers);
        var client = api.CreateClient();
        var accepted = new ConcurrentDictionary<Guid, ConcurrentBag<Guid>>();
        var refusals = new ConcurrentDictionary<string, int>();

        // Half the buyers send their three requests with one Idempotency-Key (all three must answer
        // alike), half without (one may win, the others hear already-purchased or sold-out).
        await Parallel.ForEachAsync(buyers, new ParallelOptions { MaxDegreeOfParallelism = 200 / RequestsPerBuyer }, async (buyer, ct) =>
        {
            var key = buyer.Id.GetHashCode() % 2 == 0 ? $"k-{buyer.Id:N}" : null;
            var responses = await Task.WhenAll(Enumerable.Range(0, RequestsPerBuyer)
                .Select(_ => client.SendAsync(FlashSaleApi.PurchaseRequest(saleId, buyer.Token, key), ct)));
            foreach (var response in responses)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var id = JsonDocument.Parse(body).RootElement.GetProperty("reservationId").GetGuid();
                    accepted.GetOrAdd(buyer.Id, _ => []).Add(id);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                    var type = JsonDocument.Parse(body).RootElement.GetProperty("type").GetString()!;
                    refusals.AddOrUpdate(type[(type.LastIndexOf('/') + 1)..], 1, (_, n) => n + 1);
                }
            }

            if (key is not null && accepted.TryGetValue(buyer.Id, out var ids))
            {
                Assert.Equal(RequestsPerBuyer, ids.Count); // the key replays the first answer
            }
        });

        // Every buyer with a 202 holds exactly one reservation id; Stock buyers got one.
        Assert.All(accepted.Values, ids => Assert.Single(ids.Distinct()));
        var reservations = accepted.Values.Select(ids => ids.First()).ToHashSet();
        Assert.Equal(Stock, reservations.Count);
        Assert.Equal(Buyers * RequestsPerBuyer, accepted.Values.Sum(ids => ids.Count) + refusals.Values.Sum());
        Assert.True(refusals.Keys.All(k => k is "sold-out" or "already-purchased"), string.Join(",", refusals.Keys));

        var ledger = await SaleLedger.WaitForAsync(api, saleId, l => l.Orders.Count >= Stock, TimeSpan.FromSeconds(90));
        Assert.Equal(Stock, ledger.Orders.Count);
        Assert.Equal(Stock, ledger.Orders.Select(o => o.BuyerId).Distinct().Count());
        Assert.Equal(reservations.Order(), ledger.Orders.Select(o => o.ReservationId).Order());
        Assert.Equal(accepted.Keys.Order(), ledger.Orders.Select(o => o.BuyerId).Order());
        Assert.Equal(0, ledger.PgStock);
        Assert.Equal(0, ledger.RedisStock);
        Assert.Equal(0, ledger.Released);

        // The buyer sees the outcome through the API too.
        var (buyerId, reservationId) = accepted.Select(p => (p.Key, p.Value.First())).First();
        var reader = api.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", buyers.Single(b => b.Id == buyerId).Token);
        var reservation = (await reader.GetFromJsonAsync<ReservationResponse>($"/api/reservations/{reservationId}"))!;
        Assert.Equal(ReservationStatus.Ordered, reservation.Status);
        Assert.Contains(reservation.OrderId!.Value, ledger.Orders.Select(o => o.OrderId));
        var sale = await reader.GetSaleAsync(saleId);
        Assert.Equal(0, sale.RemainingStock);
        Assert.Equal(Stock, sale.Stock);
    }
}
