namespace Alipay.Sandbox.Trades;

/// <summary>Why the sandbox buyer could not pay a trade.</summary>
public enum PayRefusal
{
    NotFound,
    AlreadyPaid,
    Closed,
}
