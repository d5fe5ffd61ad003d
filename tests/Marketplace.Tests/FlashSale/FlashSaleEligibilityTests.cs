using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Infrastructure.Redis;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Tests.FlashSale;

/// <summary>Who may join a sale: not its seller, and (when the sale asks) no account younger than its minimum age.</summary>
public sealed class FlashSaleEligibilityTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    private static Task<HttpResponseMessage> BuyAsync(TestUser buyer, Guid saleId, string? idempotencyKey = null) =>
        buyer.Client.SendAsync(FlashSaleApi.PurchaseRequest(saleId, buyer.Token, idempotencyKey), TestContext.Current.CancellationToken);

    private async Task<(TestUser Seller, Guid SaleId)> SaleAsync(int? minAccountAgeMinutes)
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 5));
        var admin = await api.AdminAsync();
        var now = DateTimeOffset.UtcNow;
        var saleId = await admin.Client.CreateSaleAsync(new
        {
            listingId = listing.Id, price = new { amount = 1m, currency = "USD" }, stock = 5,
            startsAt = now.AddSeconds(-1), endsAt = now.AddMinutes(10), minAccountAgeMinutes,
        });
        return (seller, saleId);
    }

    private async Task AgeAccountAsync(Guid userId, TimeSpan by) =>
        await api.ScalarAsync("UPDATE users SET created_at = created_at - @by WHERE id = @id",
            new NpgsqlParameter("by", by), new NpgsqlParameter("id", userId));

    [Fact]
    public async Task An_account_younger_than_the_sales_minimum_age_is_refused_and_reserves_nothing()
    {
        var (_, saleId) = await SaleAsync(minAccountAgeMinutes: 60);
        var throwaway = await api.NewBuyerAsync();

        await ProblemAssert.IsProblemAsync(await BuyAsync(throwaway, saleId), HttpStatusCode.Forbidden, "account-too-new");
        await ProblemAssert.IsProblemAsync(await BuyAsync(throwaway, saleId, "key-1"), HttpStatusCode.Forbidden, "account-too-new");

        var sale = await api.CreateClient().GetSaleAsync(saleId);
        Assert.Equal((60, 5), (sale.MinAccountAgeMinutes, sale.RemainingStock));
    }

    [Fact]
    public async Task An_account_old_enough_joins_once_its_token_says_so()
    {
        var (_, saleId) = await SaleAsync(minAccountAgeMinutes: 60);
        var buyer = await api.NewBuyerAsync();
        await AgeAccountAsync(buyer.Id, TimeSpan.FromMinutes(61));

        // The token carries the account's age: the one issued before still reads as new.
        await ProblemAssert.IsProblemAsync(await BuyAsync(buyer, saleId), HttpStatusCode.Forbidden, "account-too-new");
        var token = (await api.CreateClient().LoginAsync(buyer.Email)).AccessToken;
        var signedInAgain = buyer with { Token = token, Client = api.ClientWithToken(token) };

        await FlashSaleApi.AcceptedReservationAsync(await BuyAsync(signedInAgain, saleId));
    }

    [Fact]
    public async Task Without_a_minimum_age_a_new_account_may_buy()
    {
        var (_, saleId) = await SaleAsync(minAccountAgeMinutes: null);

        await FlashSaleApi.AcceptedReservationAsync(await BuyAsync(await api.NewBuyerAsync(), saleId));
        Assert.Equal(0, (await api.CreateClient().GetSaleAsync(saleId)).MinAccountAgeMinutes);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(FlashSaleRules.MaxMinAccountAgeMinutes + 1)]
    public async Task A_minimum_age_out_of_range_is_a_validation_problem(int minutes)
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 5));
        var admin = await api.AdminAsync();
        var now = DateTimeOffset.UtcNow;

        var response = await admin.Client.PostAsJsonAsync("/api/flash-sales", new
        {
            listingId = listing.Id, price = new { amount = 1m, currency = "USD" }, stock = 1,
            startsAt = now, endsAt = now.AddMinutes(10), minAccountAgeMinutes = minutes,
        }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(response, "minAccountAgeMinutes");
    }

    [Fact]
    public async Task The_seller_cannot_buy_their_own_sale_even_after_Redis_lost_it()
    {
        var (seller, saleId) = await SaleAsync(minAccountAgeMinutes: null);

        await ProblemAssert.IsProblemAsync(await BuyAsync(seller, saleId), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await BuyAsync(seller, saleId, "key-1"), HttpStatusCode.Forbidden, "forbidden");

        var redis = await api.Services.GetRequiredService<RedisConnection>().GetDatabaseAsync();
        await redis.KeyDeleteAsync(new FlashSaleKeys(saleId).Sale);
        await ProblemAssert.IsProblemAsync(await BuyAsync(seller, saleId), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(5, (await api.CreateClient().GetSaleAsync(saleId)).RemainingStock);
    }
}
