namespace Marketplace.Api.Infrastructure.Auth;

public sealed record AccessToken(string Value, int ExpiresInSeconds);
