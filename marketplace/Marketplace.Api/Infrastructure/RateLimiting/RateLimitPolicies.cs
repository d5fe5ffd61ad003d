namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>
/// Policy names: part of the Redis key and the <c>policy</c> tag of the refusal metric, so they never change.
/// </summary>
public static class RateLimitPolicies
{
    public const string SignInPerAddress = "sign-in-address";
    public const string SignInPerAccount = "sign-in-account";
    public const string SignInLockout = "sign-in-lockout";
    public const string SignUpPerAddress = "sign-up-address";
    public const string SignUpPerAccount = "sign-up-account";
    public const string PurchasePerBuyer = "purchase-buyer";
    public const string PurchasePerAddress = "purchase-address";
    public const string ReviewPerBuyer = "review-buyer";
    public const string PaymentNotifyPerAddress = "payment-notify-address";
}
