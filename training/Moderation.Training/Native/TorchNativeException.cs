namespace Moderation.Training.Native;

/// <summary>TorchSharp's native backend cannot be made loadable on this machine; the message says what to install.</summary>
public sealed class TorchNativeException : Exception
{
    public TorchNativeException(string message)
        : base(message)
    {
    }

    public TorchNativeException()
    {
    }

    public TorchNativeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
