namespace Moderation.Training.Cli;

/// <summary>
/// Ctrl-C for a long command: the first press cancels <see cref="Token"/> (the command finishes its step and writes
/// what it has), a second one ends the process at once.
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly ConsoleCancelEventHandler _handler;

    public ConsoleInterrupt(Action? onFirst = null)
    {
        _handler = (_, e) =>
        {
            if (!_cancel.IsCancellationRequested)
            {
                e.Cancel = true;
                _cancel.Cancel();
                onFirst?.Invoke();
            }
        };
        Console.CancelKeyPress += _handler;
    }

    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= _handler;
        _cancel.Dispose();
    }
}
