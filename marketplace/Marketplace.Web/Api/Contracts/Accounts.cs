namespace Marketplace.Web.Api.Contracts;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record TokenResponse(string AccessToken, int ExpiresIn);

public sealed record UserResponse(Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles);
