namespace Marketplace.Api.Features.Accounts;

public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public static string? Check(string? password) =>
        string.IsNullOrEmpty(password) ? "Password is required."
        : password.Length < MinLength ? $"Password must be at least {MinLength} characters."
        : password.Length > MaxLength ? $"Password must be at most {MaxLength} characters."
        : null;
}
