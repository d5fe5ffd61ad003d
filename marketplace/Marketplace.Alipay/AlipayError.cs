namespace Marketplace.Alipay;

/// <summary>A gateway answer whose <c>code</c> is not 10000.</summary>
public sealed record AlipayError(string Code, string Msg, string? SubCode, string? SubMsg)
{
    /// <summary>20000 / ACQ.SYSTEM_ERROR: the gateway failed; the same request may be retried.</summary>
    public bool IsRetryable => Code == AlipayCodes.ServiceUnavailable || SubCode == AlipaySubCodes.SystemError;

    public override string ToString() => $"{Code} {Msg}" + (SubCode is null ? "" : $" ({SubCode}: {SubMsg})");
}

/// <summary>Alipay's public <c>code</c> values.</summary>
public static class AlipayCodes
{
    public const string Success = "10000";
    public const string ServiceUnavailable = "20000";
    public const string MissingArguments = "40001";
    public const string InvalidArguments = "40002";
    public const string BusinessFailed = "40004";
    public const string InsufficientPermissions = "40006";

    public static string MessageFor(string code) => code switch
    {
        Success => "Success",
        ServiceUnavailable => "Service Currently Unavailable",
        MissingArguments => "Missing Required Arguments",
        InvalidArguments => "Invalid Arguments",
        BusinessFailed => "Business Failed",
        InsufficientPermissions => "Insufficient Permissions",
        _ => "Unknown",
    };
}

/// <summary>The <c>sub_code</c> values this integration acts on.</summary>
public static class AlipaySubCodes
{
    public const string TradeNotExist = "ACQ.TRADE_NOT_EXIST";
    public const string TradeStatusError = "ACQ.TRADE_STATUS_ERROR";
    public const string TradeHasSuccess = "ACQ.TRADE_HAS_SUCCESS";
    public const string TradeHasClose = "ACQ.TRADE_HAS_CLOSE";
    public const string RefundAmountExceeded = "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL";
    public const string ContextInconsistent = "ACQ.CONTEXT_INCONSISTENT";
    public const string InvalidParameter = "ACQ.INVALID_PARAMETER";
    public const string SystemError = "ACQ.SYSTEM_ERROR";
    public const string InvalidSignature = "isv.invalid-signature";
    public const string InvalidSignType = "isv.invalid-signature-type";
    public const string MissingSignature = "isv.missing-signature";
    public const string InvalidAppId = "isv.invalid-app-id";
    public const string MissingAppId = "isv.missing-app-id";
    public const string MissingMethod = "isv.missing-method";
    public const string InvalidMethod = "isv.invalid-method";
    public const string InvalidTimestamp = "isv.invalid-timestamp";
    public const string MissingTimestamp = "isv.missing-timestamp";
    public const string InvalidCharset = "isv.invalid-charset";
    public const string InvalidFormat = "isv.invalid-format";
    public const string MissingVersion = "isv.missing-version";
    public const string InvalidParameterIsv = "isv.invalid-parameter";
}
