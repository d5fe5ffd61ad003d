namespace Marketplace.Api.Features.Accounts;

public sealed record GrantRoleRequest(string? Role);
