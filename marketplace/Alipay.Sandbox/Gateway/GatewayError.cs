using Marketplace.Alipay;

namespace Alipay.Sandbox.Gateway;

/// <summary>An answer with a non-10000 code, as Alipay words it.</summary>
public sealed record GatewayError(string Code, string SubCode, string SubMsg)
{
    public string Msg => AlipayCodes.MessageFor(Code);

    public static GatewayError Missing(string subCode, string subMsg) => new(AlipayCodes.MissingArguments, subCode, subMsg);

    public static GatewayError Invalid(string subCode, string subMsg) => new(AlipayCodes.InvalidArguments, subCode, subMsg);

    public static GatewayError Business(string subCode, string subMsg) => new(AlipayCodes.BusinessFailed, subCode, subMsg);
}
