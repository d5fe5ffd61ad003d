namespace Marketplace.Api.Features.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);
