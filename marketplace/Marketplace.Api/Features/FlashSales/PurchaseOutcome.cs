using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// A purchase's answer in a form that can be stored and replayed for the same Idempotency-Key:
/// 202 with a reservation id, or a problem (status, type, title, detail).
/// </summary>
public sealed record PurchaseOutcome(int Status, Guid? ReservationId, string? ProblemType, string? Title, string? Detail)
{
    public static PurchaseOutcome Accepted(Guid reservationId) =>
        new(StatusCodes.Status202Accepted, reservationId, null, null, null);

    public static PurchaseOutcome Problem(int status, string type, string title, string? detail = null) =>
        new(status, null, type, title, detail);

    public static PurchaseOutcome SoldOut() =>
        Problem(StatusCodes.Status409Conflict, ProblemTypes.SoldOut, "The sale is sold out.");

    public static PurchaseOutcome AlreadyPurchased() =>
        Problem(StatusCodes.Status409Conflict, ProblemTypes.AlreadyPurchased,
            "You already bought from this sale.", $"Each buyer may buy {FlashSaleRules.PerUserLimit} per sale.");

    public static PurchaseOutcome NotActive() =>
        Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.SaleNotActive,
            "The sale is not active.", "Purchases are accepted between the sale's start and end times.");

    /// <summary>As for ordinary listings (403 forbidden): a seller buying their own sale would only fake demand.</summary>
    public static PurchaseOutcome OwnSale() =>
        Problem(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden.", "Sellers cannot buy their own flash sale.");

    public static PurchaseOutcome AccountTooNew() =>
        Problem(StatusCodes.Status403Forbidden, ProblemTypes.AccountTooNew,
            "Your account is too new for this sale.",
            "The sale admits only accounts older than its minimum account age (minAccountAgeMinutes). If your account is old enough, sign in again.");

    public static PurchaseOutcome UnknownSale(Guid saleId) =>
        Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", $"Flash sale {saleId} does not exist.");

    /// <summary>Not stored for replay: the lock wait ran out, nothing was decided.</summary>
    public static PurchaseOutcome InProgress() =>
        Problem(StatusCodes.Status409Conflict, ProblemTypes.PurchaseInProgress,
            "Another purchase of yours is in progress.", "Wait for it to finish and retry.");

    public static PurchaseOutcome Unavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ServiceUnavailable,
            "The sale cannot take purchases right now.", "Retry shortly; nothing was reserved.");

    /// <summary>Answers worth replaying: decisions, not transient failures.</summary>
    public bool IsFinal => Status < 500;

    public IResult ToResult() => ReservationId is { } id
        ? TypedResults.Accepted($"/api/reservations/{id}", new PurchaseAccepted(id))
        : ApiProblems.Of(Status, ProblemType!, Title!, Detail);
}
