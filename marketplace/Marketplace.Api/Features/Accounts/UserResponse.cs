namespace Marketplace.Api.Features.Accounts;

public sealed record UserResponse(Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles)
{
    public static UserResponse From(User user) => new(user.Id, user.Email, user.DisplayName, user.Roles);
}
