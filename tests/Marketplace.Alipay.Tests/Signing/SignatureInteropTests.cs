using Marketplace.Alipay.Signing;

namespace Marketplace.Tests.Payments.Alipay.Signing;

/// <summary>Our RSA2 signatures and openssl's are interchangeable on the same strings and keys.</summary>
public sealed class SignatureInteropTests(OpenSslKeys keys) : IClassFixture<OpenSslKeys>
{
    public static TheoryData<string> Contents => new()
    {
        "app_id=2021000000000001&biz_content={\"out_trade_no\":\"o_1\",\"total_amount\":\"88.00\"}&charset=utf-8&method=alipay.trade.query&sign_type=RSA2&timestamp=2026-11-25 18:30:00&version=1.0",
        "subject=点卡 100 元&total_amount=0.01&trade_status=TRADE_SUCCESS",
        "a=1",
    };

    [Theory]
    [MemberData(nameof(Contents))]
    public async Task Our_signature_verifies_with_openssl(string content)
    {
        using var pkcs1 = AlipayKeys.LoadPrivateKey(keys.Pkcs1Private);
        var signature = AlipaySigner.Sign(content, pkcs1);

        Assert.True(await OpenSsl.VerifyAsync(keys.PublicPath, content, signature, keys.Dir));
        Assert.False(await OpenSsl.VerifyAsync(keys.PublicPath, content + "x", signature, keys.Dir));
    }

    [Theory]
    [MemberData(nameof(Contents))]
    public async Task Openssl_signature_verifies_with_ours_and_matches_byte_for_byte(string content)
    {
        var theirs = await OpenSsl.SignAsync(keys.Pkcs8PrivatePath, content, keys.Dir);
        using var pub = AlipayKeys.LoadPublicKey(keys.Public);
        using var priv = AlipayKeys.LoadPrivateKey(keys.Pkcs8Private);

        Assert.True(AlipaySigner.Verify(content, theirs, pub));
        // PKCS#1 v1.5 is deterministic: the same key and bytes give the same signature.
        Assert.Equal(theirs, AlipaySigner.Sign(content, priv));
    }

    [Fact]
    public async Task Bare_base64_keys_sign_and_verify_like_their_pem_forms()
    {
        const string content = "notify_id=abc&out_trade_no=o_2&total_amount=12.30";
        using var bareP8 = AlipayKeys.LoadPrivateKey(OpenSsl.BareBase64(keys.Pkcs8Private));
        using var bareP1 = AlipayKeys.LoadPrivateKey(OpenSsl.BareBase64(keys.Pkcs1Private));
        using var barePub = AlipayKeys.LoadPublicKey(OpenSsl.BareBase64(keys.Public));
        var expected = await OpenSsl.SignAsync(keys.Pkcs1PrivatePath, content, keys.Dir);

        Assert.Equal(expected, AlipaySigner.Sign(content, bareP8));
        Assert.Equal(expected, AlipaySigner.Sign(content, bareP1));
        Assert.True(AlipaySigner.Verify(content, expected, barePub));
    }

    [Fact]
    public async Task Tampered_content_or_signature_is_refused()
    {
        const string content = "out_trade_no=o_3&total_amount=10.00&trade_status=TRADE_SUCCESS";
        var signature = await OpenSsl.SignAsync(keys.Pkcs8PrivatePath, content, keys.Dir);
        using var pub = AlipayKeys.LoadPublicKey(keys.Public);
        var bytes = Convert.FromBase64String(signature);
        bytes[10] ^= 0x01;

        Assert.False(AlipaySigner.Verify(content.Replace("10.00", "0.01", StringComparison.Ordinal), signature, pub));
        Assert.False(AlipaySigner.Verify(content, Convert.ToBase64String(bytes), pub));
        Assert.False(AlipaySigner.Verify(content, "not base64 !!", pub));
        Assert.False(AlipaySigner.Verify(content, "", pub));
        Assert.False(AlipaySigner.Verify(content, null, pub));
    }

    [Fact]
    public async Task Signature_from_another_key_is_refused()
    {
        const string content = "a=1&b=2";
        var other = Path.Combine(keys.Dir, "other.pem");
        await OpenSsl.RunOkAsync("genrsa", "-out", other, "2048");
        var forged = await OpenSsl.SignAsync(other, content, keys.Dir);
        using var pub = AlipayKeys.LoadPublicKey(keys.Public);

        Assert.False(AlipaySigner.Verify(content, forged, pub));
    }

    [Fact]
    public void Form_decoded_plus_signs_are_tolerated()
    {
        using var priv = AlipayKeys.LoadPrivateKey(keys.Pkcs8Private);
        using var pub = AlipayKeys.LoadPublicKey(keys.Public);
        string content = "x=y", signature = "";
        for (var i = 0; !signature.Contains('+', StringComparison.Ordinal); i++)
        {
            content = "x=" + i;
            signature = AlipaySigner.Sign(content, priv);
        }
        Assert.True(AlipaySigner.Verify(content, signature.Replace('+', ' '), pub));
    }

    [Fact]
    public void One_key_signs_and_verifies_correctly_from_many_threads_at_once()
    {
        // The client and verifier share one RSA instance per key across requests.
        using var priv = AlipayKeys.LoadPrivateKey(keys.Pkcs8Private);
        using var pub = AlipayKeys.LoadPublicKey(keys.Public);
        var contents = Enumerable.Range(0, 200).Select(i => $"out_trade_no=o_{i}&total_amount={i}.00").ToArray();
        var expected = contents.Select(c => AlipaySigner.Sign(c, priv)).ToArray();
        var parallel = new string[contents.Length];
        var verified = new bool[contents.Length];

        Parallel.For(0, contents.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            parallel[i] = AlipaySigner.Sign(contents[i], priv);
            verified[i] = AlipaySigner.Verify(contents[i], expected[i], pub) && !AlipaySigner.Verify(contents[(i + 1) % contents.Length], expected[i], pub);
        });

        Assert.Equal(expected, parallel);
        Assert.All(verified, Assert.True);
    }
}
