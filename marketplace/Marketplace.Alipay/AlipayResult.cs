using System.Diagnostics.CodeAnalysis;

namespace Marketplace.Alipay;

/// <summary>Either the typed answer (code 10000) or the gateway's error; signatures are already verified.</summary>
public sealed class AlipayResult<T>
    where T : class
{
    private AlipayResult(T? value, AlipayError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public AlipayError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static AlipayResult<T> Success(T value) => new(value, null);

    public static AlipayResult<T> Failure(AlipayError error) => new(null, error);
}
