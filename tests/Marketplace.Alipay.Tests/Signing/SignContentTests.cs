using Marketplace.Alipay.Signing;

namespace Marketplace.Tests.Payments.Alipay.Signing;

public sealed class SignContentTests
{
    private static KeyValuePair<string, string?> P(string k, string? v) => new(k, v);

    [Fact]
    public void Sorted_by_ordinal_name_empty_values_and_sign_left_out_values_raw()
    {
        var content = AlipaySignContent.ForRequest(
        [
            P("timestamp", "2026-11-25 18:30:00"), P("sign", "SIG"), P("app_id", "2021"), P("Zeta", "upper"),
            P("notify_url", "http://h/x?a=1&b=2"), P("empty", ""), P("none", null), P("sign_type", "RSA2"),
            P("biz_content", "{\"subject\":\"点卡\"}"),
        ]);

        Assert.Equal(
            "Zeta=upper&app_id=2021&biz_content={\"subject\":\"点卡\"}&notify_url=http://h/x?a=1&b=2&sign_type=RSA2&timestamp=2026-11-25 18:30:00",
            content);
    }

    [Fact]
    public void Notifications_also_leave_out_sign_type()
    {
        var content = AlipaySignContent.ForNotification([P("sign_type", "RSA2"), P("sign", "x"), P("b", "2"), P("a", "1")]);
        Assert.Equal("a=1&b=2", content);
    }

    [Fact]
    public void Blank_values_are_dropped_like_alipays_sdks_do_but_non_breaking_space_is_content()
    {
        Assert.Equal("b=1", AlipaySignContent.ForRequest([P("b", "1"), P("a", " \t\r\n")]));
        Assert.Equal("a=\u00A0&b=1", AlipaySignContent.ForRequest([P("b", "1"), P("a", "\u00A0")]));
        Assert.Equal("a= x &b=1", AlipaySignContent.ForRequest([P("b", "1"), P("a", " x ")]));
    }
}
