namespace Moderation.Contracts;

/// <summary>
/// No verdict could be had after the retries: the service is down, overloaded, timing out or its circuit is
/// open. Callers keep the item pending and try again later.
/// </summary>
public sealed class ModerationUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
