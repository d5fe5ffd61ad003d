namespace Marketplace.Tests.Infrastructure;

/// <summary>A registered, logged-in user and a client that sends their bearer token.</summary>
public sealed record TestUser(Guid Id, string Email, string Password, string Token, HttpClient Client);
