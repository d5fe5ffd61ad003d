using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Features.Accounts;

/// <summary>The first admin, created at start-up when both keys are set.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string DisplayName { get; set; } = "Administrator";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            if (!string.IsNullOrEmpty(Password))
            {
                yield return new ValidationResult("Admin:Password is set but Admin:Email is not.", [nameof(Email)]);
            }

            yield break;
        }

        if (!EmailAddress.IsValid(Email))
        {
            yield return new ValidationResult("Admin:Email is not a valid email address.", [nameof(Email)]);
        }

        if (PasswordRules.Check(Password) is { } error)
        {
            yield return new ValidationResult($"Admin:Password: {error}", [nameof(Password)]);
        }
    }
}
