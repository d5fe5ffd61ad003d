using System.Net.Mail;

namespace Marketplace.Api.Features.Accounts;

/// <summary>Email syntax check and the case-insensitive key accounts are unique on.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsValid(string? email) =>
        !string.IsNullOrWhiteSpace(email)
        && email.Trim().Length <= MaxLength
        && MailAddress.TryCreate(email.Trim(), out var parsed)
        && parsed.Address == email.Trim()
        && parsed.Host.Contains('.', StringComparison.Ordinal);

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>The key rate limits and the sign-in lock-out count an account by: its normalised email (null: none given).</summary>
    public static string? AccountKey(string? email) => email is null ? null : Normalize(email);
}
