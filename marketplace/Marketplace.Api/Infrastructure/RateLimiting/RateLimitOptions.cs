using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>
/// The <c>RateLimiting</c> section: every limit the API enforces, validated at start-up. Counts live in
/// Redis, so a limit holds across all instances sharing <c>Redis:KeyPrefix</c>. The defaults suit production:
/// generous for a person (and for a few people behind one NAT address), tight for a script.
/// </summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimiting";

    /// <summary>Sign-in attempts per client address: 30 a minute.</summary>
    public RateLimitRule SignInPerAddress { get; set; } = RateLimitRule.Of(30, TimeSpan.FromMinutes(1));

    /// <summary>Sign-in attempts per account (email, whether or not it exists): 10 per 5 minutes.</summary>
    public RateLimitRule SignInPerAccount { get; set; } = RateLimitRule.Of(10, TimeSpan.FromMinutes(5));

    /// <summary>Sign-ups per client address: 10 an hour.</summary>
    public RateLimitRule SignUpPerAddress { get; set; } = RateLimitRule.Of(10, TimeSpan.FromHours(1));

    /// <summary>Sign-up attempts per email address: 5 an hour.</summary>
    public RateLimitRule SignUpPerAccount { get; set; } = RateLimitRule.Of(5, TimeSpan.FromHours(1));

    /// <summary>Purchases (flash-sale and ordinary together) per buyer: 10 a minute.</summary>
    public RateLimitRule PurchasePerBuyer { get; set; } = RateLimitRule.Of(10, TimeSpan.FromMinutes(1));

    /// <summary>Purchases (flash-sale and ordinary together) per client address: 60 a minute.</summary>
    public RateLimitRule PurchasePerAddress { get; set; } = RateLimitRule.Of(60, TimeSpan.FromMinutes(1));

    /// <summary>Review submissions per buyer: 20 an hour.</summary>
    public RateLimitRule ReviewPerBuyer { get; set; } = RateLimitRule.Of(20, TimeSpan.FromHours(1));

    /// <summary>
    /// Alipay payment notifications per source address: 600 a minute. Alipay sends from few addresses and
    /// retries what is refused, so this only stops a flood, never the notifications of a busy sale.
    /// </summary>
    public RateLimitRule PaymentNotifyPerAddress { get; set; } = RateLimitRule.Of(600, TimeSpan.FromMinutes(1));

    /// <summary>Failed sign-ins on one account, within <see cref="LockoutFailureWindow"/>, that lock it: 5.</summary>
    [Range(1, 1_000_000)]
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long failed sign-ins are remembered towards a lock-out: 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked account refuses every sign-in, even with the right password: 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c> is believed (one hop). Empty by default:
    /// the client address is the connection's remote address and the header is ignored.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Each limit by its policy name.</summary>
    public IEnumerable<(string Policy, RateLimitRule Rule)> Rules() =>
    [
        (RateLimitPolicies.SignInPerAddress, SignInPerAddress),
        (RateLimitPolicies.SignInPerAccount, SignInPerAccount),
        (RateLimitPolicies.SignUpPerAddress, SignUpPerAddress),
        (RateLimitPolicies.SignUpPerAccount, SignUpPerAccount),
        (RateLimitPolicies.PurchasePerBuyer, PurchasePerBuyer),
        (RateLimitPolicies.PurchasePerAddress, PurchasePerAddress),
        (RateLimitPolicies.ReviewPerBuyer, ReviewPerBuyer),
        (RateLimitPolicies.PaymentNotifyPerAddress, PaymentNotifyPerAddress),
    ];

    public RateLimitRule RuleFor(string policy) =>
        Rules().FirstOrDefault(r => r.Policy == policy).Rule
        ?? throw new ArgumentException($"No rate limit named {policy}.", nameof(policy));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // DataAnnotations does not descend into nested objects: check each rule here, named by its setting.
        foreach (var (policy, rule) in Rules())
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(rule, new ValidationContext(rule), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"{Section} ({policy}): {result.ErrorMessage}", result.MemberNames);
                }
            }
        }

        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"{Section}:KnownProxies: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }
    }
}
