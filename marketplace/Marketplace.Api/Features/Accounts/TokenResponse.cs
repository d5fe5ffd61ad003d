namespace Marketplace.Api.Features.Accounts;

/// <summary>A bearer token and its lifetime in seconds.</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn);
