namespace Marketplace.Api.Features.Accounts;

public sealed record RegisterResponse(Guid UserId);
