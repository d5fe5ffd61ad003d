using System.Text;

namespace EndToEnd.Tests.Harness;

/// <summary>A child process's stdout and stderr lines, newest kept (bounded), for the test output when a test fails.</summary>
internal sealed class ProcessLog(string name, int capacity = 4000)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string stream, int generation, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue($"[{name}#{generation} {stream} {DateTime.UtcNow:HH:mm:ss.fff}] {line}");
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public string Tail(int lines = 200)
    {
        lock (_gate)
        {
            var builder = new StringBuilder();
            foreach (var line in _lines.Skip(Math.Max(0, _lines.Count - lines)))
            {
                builder.AppendLine(line);
            }

            return builder.ToString();
        }
    }

    public bool Contains(string text)
    {
        lock (_gate)
        {
            return _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
        }
    }
}
