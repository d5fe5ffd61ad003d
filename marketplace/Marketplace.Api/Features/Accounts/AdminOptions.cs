using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Features.Accounts;

/// <summary>The first admin, created at start-up when <see cref="Email"/> is set.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "Admin";

    /// <summary>The admin's email. Unset (default): no admin is seeded.</summary>
    public string? Email { get; set; }

    /// <summary>The admin's password, inline. Prefer <see cref="PasswordFile"/>: a command-line value shows in <c>ps</c>.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the admin's password (a trailing newline is ignored), read at start-up. Default: unset.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Display name of a newly seeded admin.</summary>
    public string DisplayName { get; set; } = "Administrator";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email);

    /// <summary>The password from <see cref="Password"/> or <see cref="PasswordFile"/>; null when neither gives one.</summary>
    public string? ReadPassword()
    {
        if (!string.IsNullOrEmpty(Password) || string.IsNullOrWhiteSpace(PasswordFile))
        {
            return Password;
        }

        try
        {
            return File.ReadAllText(PasswordFile).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasInline = !string.IsNullOrEmpty(Password);
        var hasFile = !string.IsNullOrWhiteSpace(PasswordFile);
        if (hasInline && hasFile)
        {
            yield return new ValidationResult("Admin:Password and Admin:PasswordFile are both set; set one.", [nameof(PasswordFile)]);
            yield break;
        }

        if (!IsConfigured)
        {
            if (hasInline || hasFile)
            {
                yield return new ValidationResult("Admin:Password is set but Admin:Email is not.", [nameof(Email)]);
            }

            yield break;
        }

        if (!EmailAddress.IsValid(Email))
        {
            yield return new ValidationResult("Admin:Email is not a valid email address.", [nameof(Email)]);
        }

        if (hasFile && !File.Exists(PasswordFile))
        {
            yield return new ValidationResult($"Admin:PasswordFile '{Path.GetFullPath(PasswordFile!)}' does not exist.", [nameof(PasswordFile)]);
        }
        else if (PasswordRules.Check(ReadPassword()) is { } error)
        {
            yield return new ValidationResult($"{(hasFile ? "Admin:PasswordFile" : "Admin:Password")}: {error}", [nameof(Password)]);
        }
    }
}
