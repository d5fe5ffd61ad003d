namespace Marketplace.Api.Infrastructure.Problems;

/// <summary>
/// The stable <c>type</c> URIs of every problem the API returns (RFC 7807). Clients branch on these,
/// so they never change once published; titles and details may.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://moderation.local/problems/";

    public const string BadRequest = Base + "bad-request";
    public const string MalformedJson = Base + "malformed-json";
    public const string Validation = Base + "validation";
    public const string Unauthorized = Base + "unauthorized";
    public const string InvalidCredentials = Base + "invalid-credentials";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Conflict = Base + "conflict";
    public const string EmailTaken = Base + "email-taken";
    public const string ConcurrencyConflict = Base + "concurrency-conflict";
    public const string VersionRequired = Base + "version-required";
    public const string ListingDelisted = Base + "listing-delisted";
    public const string InsufficientStock = Base + "insufficient-stock";
    public const string UnpaidLimit = Base + "unpaid-limit";
    public const string InvalidTransition = Base + "invalid-transition";
    public const string PurchaseInProgress = Base + "purchase-in-progress";
    public const string SoldOut = Base + "sold-out";
    public const string AlreadyPurchased = Base + "already-purchased";
    public const string SaleNotActive = Base + "sale-not-active";
    public const string FlashStockShort = Base + "flash-stock-short";
    public const string AccountTooNew = Base + "account-too-new";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string RateLimited = Base + "rate-limited";
    public const string SignInLockedOut = Base + "sign-in-locked-out";
    public const string Internal = Base + "internal";
    public const string ServiceUnavailable = Base + "service-unavailable";

    /// <summary>The generic type for a status code, used when nothing more specific applies.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        >= 500 => Internal,
        _ => Base + "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
