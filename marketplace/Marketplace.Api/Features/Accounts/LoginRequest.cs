namespace Marketplace.Api.Features.Accounts;

public sealed record LoginRequest(string? Email, string? Password);
