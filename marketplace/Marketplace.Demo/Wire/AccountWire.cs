namespace Marketplace.Demo.Wire;

// The accounts API's bodies, as the marketplace README documents them.
public sealed record RegisterBody(string Email, string Password, string DisplayName);

public sealed record RegisteredUser(Guid UserId);

public sealed record LoginBody(string Email, string Password);

public sealed record IssuedToken(string AccessToken, int ExpiresIn);

public sealed record CurrentUser(Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles);
