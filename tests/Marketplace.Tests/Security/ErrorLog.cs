using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.Security;

/// <summary>
/// The API's error-level log lines with their exceptions, kept so a fuzz failure names what threw (the
/// client only sees a trace id).
/// </summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && log._errors.Count < 200)
            {
                var inner = exception?.GetBaseException();
                log._errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message} / {inner?.GetType().Name}: {inner?.Message}\n      at {exception?.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Marketplace", StringComparison.Ordinal))?.Trim()}");
            }
        }
    }
}
