using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Infrastructure;
using static Marketplace.Tests.Security.AccessRequests;

namespace Marketplace.Tests.Security;

/// <summary>
/// Every endpoint the API maps, with who may call it. Statuses are what each identity gets on a world of
/// its own: 401 without a token where one is needed; 403 when the role is missing, or when a party to the
/// resource asks for a step that is the other party's (the seller paying, the buyer shipping), or for a
/// public resource that is not theirs (another seller's listing); 404 for a private resource the caller is
/// no party to (an order, a reservation, a held review: saying 403 would confirm it exists); otherwise the
/// owner's success, or the state rule's refusal where the world's state makes one (a second flash-sale
/// purchase is 409).
/// </summary>
public static class EndpointAccessCatalog
{
    private static readonly WorldNeeds PendingOrder = new(OrderStage.Pending);
    private static readonly WorldNeeds PaidOrder = new(OrderStage.Paid);
    private static readonly WorldNeeds ShippedOrder = new(OrderStage.Shipped);

    public static IReadOnlyList<EndpointAccess> Rows { get; } =
    [
        // Operations.
        new("*", "/healthz", WorldNeeds.Nothing, (_, _) => Get("/healthz"), Expect.All(200)),
        new("*", "/readyz", WorldNeeds.Nothing, (_, _) => Get("/readyz"), Expect.All(200)),
        // Only the scraper's token opens /metrics (HealthTests scrape with it); no user's token does.
        new("*", "/metrics", WorldNeeds.Nothing, (_, _) => Get("/metrics"), Expect.All(401)),
        new("GET", "/openapi/{documentName}.json", WorldNeeds.Nothing, (_, _) => Get("/openapi/v1.json"), Expect.All(200)),

        // Accounts.
        new("POST", "/api/auth/register", WorldNeeds.Nothing,
            (_, _) => Post("/api/auth/register", new { email = AccountsApi.NewEmail("matrix"), password = AccountsApi.DefaultPassword, displayName = "Matrix" }),
            Expect.All(201)),
        new("POST", "/api/auth/login", WorldNeeds.Nothing,
            (w, _) => Post("/api/auth/login", new { email = w.OtherBuyer.Email, password = w.OtherBuyer.Password }),
            Expect.All(200)),
        new("POST", "/api/auth/become-seller", WorldNeeds.Nothing, (_, _) => Post("/api/auth/become-seller"),
            new(401, 200, 200, 200, 200, 200)),
        new("GET", "/api/auth/me", WorldNeeds.Nothing, (_, _) => Get("/api/auth/me"),
            new(401, 200, 200, 200, 200, 200)),
        new("POST", "/api/auth/logout", WorldNeeds.Nothing, (_, _) => Post("/api/auth/logout"),
            new(401, 204, 204, 204, 204, 204)),
        new("POST", "/api/admin/users/{id:guid}/roles", WorldNeeds.Nothing,
            (w, _) => Post($"/api/admin/users/{w.OtherBuyer.Id}/roles", new { role = "seller" }),
            Expect.AdminOnly(200)),
        new("DELETE", "/api/admin/users/{id:guid}/roles/{role}", WorldNeeds.Nothing,
            (w, _) => Delete($"/api/admin/users/{w.OtherSeller.Id}/roles/seller"),
            Expect.AdminOnly(200)),

        // Catalog.
        new("GET", "/api/listings/", WorldNeeds.Nothing, (_, _) => Get("/api/listings?page=1&pageSize=5"), Expect.All(200)),
        new("GET", "/api/listings/{id:guid}", WorldNeeds.Nothing, (w, _) => Get($"/api/listings/{w.ListingId}"), Expect.All(200)),
        new("POST", "/api/listings/", WorldNeeds.Nothing,
            (_, _) => Post("/api/listings", CatalogApi.ListingBody(kind: "code", currency: "CNY")),
            new(401, 403, 403, 201, 201, 403)),
        new("PUT", "/api/listings/{id:guid}", WorldNeeds.Nothing,
            (w, _) => Put($"/api/listings/{w.ListingId}",
                CatalogApi.WithVersion(CatalogApi.ListingBody(kind: "code", currency: "CNY", title: "Renamed", stock: 12), w.ListingVersion)),
            new(401, 403, 403, 200, 403, 403)),
        new("DELETE", "/api/listings/{id:guid}", WorldNeeds.Nothing, (w, _) => Delete($"/api/listings/{w.ListingId}"),
            new(401, 403, 403, 204, 403, 204)),
        new("POST", "/api/listings/{id:guid}/purchase", WorldNeeds.Nothing,
            (w, _) => Post($"/api/listings/{w.ListingId}/purchase", new { quantity = 1 }),
            new(401, 201, 201, 403, 201, 201)),

        // Orders.
        new("GET", "/api/orders/", PendingOrder, (_, _) => Get("/api/orders"), new(401, 200, 200, 200, 200, 200)),
        new("GET", "/api/orders/{id:guid}", PendingOrder, (w, _) => Get($"/api/orders/{w.OrderId}"),
            new(401, 200, 404, 200, 404, 404)),
        new("GET", "/api/orders/{id:guid}/history", PendingOrder, (w, _) => Get($"/api/orders/{w.OrderId}/history"),
            new(401, 200, 404, 200, 404, 404)),
        new("POST", "/api/orders/{id:guid}/cancel", PendingOrder, (w, _) => Post($"/api/orders/{w.OrderId}/cancel"),
            new(401, 200, 404, 403, 404, 404)),

        // Payments and fulfilment.
        new("POST", "/api/orders/{id:guid}/pay", PendingOrder, (w, _) => Post($"/api/orders/{w.OrderId}/pay"),
            new(401, 200, 404, 403, 404, 404)),
        new("POST", "/api/orders/{id:guid}/refund", PaidOrder, (w, _) => Post($"/api/orders/{w.OrderId}/refund"),
            new(401, 200, 404, 403, 404, 404)),
        new("POST", "/api/orders/{id:guid}/ship", PaidOrder,
            (w, _) => Post($"/api/orders/{w.OrderId}/ship", new { secret = AccessWorld.DeliveredSecret, note = "Here it is." }),
            new(401, 403, 404, 200, 404, 404)),
        new("GET", "/api/orders/{id:guid}/delivery", ShippedOrder, (w, _) => Get($"/api/orders/{w.OrderId}/delivery"),
            new(401, 200, 404, 403, 404, 404)),
        new("POST", "/api/orders/{id:guid}/confirm", ShippedOrder, (w, _) => Post($"/api/orders/{w.OrderId}/confirm"),
            new(401, 200, 404, 403, 404, 404)),
        new("POST", "/api/payments/alipay/notify", WorldNeeds.Nothing,
            (w, _) => Form("/api/payments/alipay/notify", new Dictionary<string, string> { ["out_trade_no"] = w.ListingId.ToString("N"), ["sign"] = "forged" }),
            Expect.All(200)),

        // Flash sales.
        new("POST", "/api/flash-sales/", WorldNeeds.Nothing,
            (w, _) => Post("/api/flash-sales", FlashSale.FlashSaleApi.SaleBody(w.ListingId, 2, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5), 20m, "CNY")),
            Expect.AdminOnly(201)),
        new("GET", "/api/flash-sales/", new(Reservation: true), (_, _) => Get("/api/flash-sales?status=live&page=1&pageSize=5"), Expect.All(200)),
        new("GET", "/api/flash-sales/{id:guid}", new(Reservation: true), (w, _) => Get($"/api/flash-sales/{w.SaleId}"), Expect.All(200)),
        new("POST", "/api/flash-sales/{id:guid}/purchase", new(Reservation: true), (w, _) => Post($"/api/flash-sales/{w.SaleId}/purchase"),
            new(401, 409, 202, 403, 202, 202)),
        new("GET", "/api/reservations/{id:guid}", new(Reservation: true), (w, _) => Get($"/api/reservations/{w.ReservationId}"),
            new(401, 200, 404, 404, 404, 200)),

        // Reviews.
        new("POST", "/api/orders/{orderId:guid}/reviews", ShippedOrder,
            (w, _) => Post($"/api/orders/{w.OrderId}/reviews", new { rating = 4, text = "Worked first time." }),
            new(401, 202, 404, 404, 404, 404)),
        // The order's parties only; the seller once the review is published (a held one reads as no review to them).
        new("GET", "/api/orders/{id:guid}/review", new(ReviewStatus: ReviewStatuses.Published), (w, _) => Get($"/api/orders/{w.OrderId}/review"),
            new(401, 200, 404, 200, 404, 404)),
        new("GET", "/api/reviews/{id:guid}", new(ReviewStatus: ReviewStatuses.Held), (w, _) => Get($"/api/reviews/{w.ReviewId}"),
            new(404, 200, 404, 404, 404, 200)),
        new("GET", "/api/listings/{id:guid}/reviews", WorldNeeds.Nothing, (w, _) => Get($"/api/listings/{w.ListingId}/reviews"), Expect.All(200)),
        new("GET", "/api/sellers/{id:guid}/rating", WorldNeeds.Nothing, (w, _) => Get($"/api/sellers/{w.Seller.Id}/rating"), Expect.All(200)),
        new("POST", "/api/reviews/{id:guid}/appeal", new(ReviewStatus: ReviewStatuses.Rejected), (w, _) => Post($"/api/reviews/{w.ReviewId}/appeal"),
            new(401, 200, 404, 404, 404, 409)),
        new("GET", "/api/admin/reviews/", WorldNeeds.Nothing, (_, _) => Get("/api/admin/reviews"), Expect.AdminOnly(200)),
        new("GET", "/api/admin/reviews/{id:guid}/history", new(ReviewStatus: ReviewStatuses.Held),
            (w, _) => Get($"/api/admin/reviews/{w.ReviewId}/history"), Expect.AdminOnly(200)),
        new("GET", "/api/admin/status", WorldNeeds.Nothing, (_, _) => Get("/api/admin/status"), Expect.AdminOnly(200)),
        new("POST", "/api/admin/reviews/{id:guid}/decision", new(ReviewStatus: ReviewStatuses.Held),
            (w, _) => Post($"/api/admin/reviews/{w.ReviewId}/decision", new { decision = "publish", note = "Fine." }),
            Expect.AdminOnly(200)),
        new("POST", "/api/admin/reviews/remoderate", WorldNeeds.Nothing,
            (_, _) => Post("/api/admin/reviews/remoderate", new { dryRun = true, limit = 10 }),
            Expect.AdminOnly(200)),

        // Operations' admin views: given-up refunds and Kafka dead letters. Replaying an id that does not exist is the
        // admin's 404 (past authorisation, in the handler); the dead-letter tests replay real ones.
        new("GET", "/api/admin/refunds/given-up", WorldNeeds.Nothing, (_, _) => Get("/api/admin/refunds/given-up"), Expect.AdminOnly(200)),
        new("GET", "/api/admin/dead-letters/", WorldNeeds.Nothing, (_, _) => Get("/api/admin/dead-letters"), Expect.AdminOnly(200)),
        new("POST", "/api/admin/dead-letters/{id:long}/replay", WorldNeeds.Nothing,
            (_, _) => Post("/api/admin/dead-letters/987654321/replay"), Expect.AdminOnly(404)),

        // Cache administration.
        new("POST", "/api/admin/cache/bloom/rebuild", WorldNeeds.Nothing, (_, _) => Post("/api/admin/cache/bloom/rebuild"), Expect.AdminOnly(200)),
    ];
}
