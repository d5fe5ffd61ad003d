namespace Marketplace.Demo;

/// <summary>The scenario cannot go on (a service unreachable, an answer the contract does not allow): exit 2, one line.</summary>
public sealed class DemoAbortedException : Exception
{
    public DemoAbortedException(string message) : base(message)
    {
    }

    public DemoAbortedException(string message, Exception inner) : base(message, inner)
    {
    }

    public DemoAbortedException()
    {
    }
}
