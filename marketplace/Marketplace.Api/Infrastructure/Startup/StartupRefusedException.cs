namespace Marketplace.Api.Infrastructure.Startup;

/// <summary>
/// The API will not start in the state it found (data, not settings, at fault); the message is the one line the
/// operator reads.
/// </summary>
public sealed class StartupRefusedException(string message) : Exception(message);
