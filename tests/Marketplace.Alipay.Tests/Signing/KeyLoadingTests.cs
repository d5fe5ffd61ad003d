using System.Security.Cryptography;
using Marketplace.Alipay.Signing;

namespace Marketplace.Tests.Payments.Alipay.Signing;

public sealed class KeyLoadingTests(OpenSslKeys keys) : IClassFixture<OpenSslKeys>
{
    [Fact]
    public void Every_private_form_yields_the_same_key()
    {
        using var a = AlipayKeys.LoadPrivateKey(keys.Pkcs1Private);
        using var b = AlipayKeys.LoadPrivateKey(keys.Pkcs8Private);
        using var c = AlipayKeys.LoadPrivateKey(OpenSsl.BareBase64(keys.Pkcs8Private));
        using var d = AlipayKeys.LoadPrivateKey(OpenSsl.BareBase64(keys.Pkcs1Private));
        var modulus = a.ExportParameters(false).Modulus;
        foreach (var k in new[] { b, c, d })
        {
            Assert.Equal(modulus, k.ExportParameters(false).Modulus);
        }
    }

    [Fact]
    public void Every_public_form_yields_the_same_key()
    {
        using var spki = AlipayKeys.LoadPublicKey(keys.Public);
        using var pkcs1 = AlipayKeys.LoadPublicKey(File.ReadAllText(keys.Pkcs1PublicPath));
        using var bare = AlipayKeys.LoadPublicKey(OpenSsl.BareBase64(keys.Public));
        using var barePkcs1 = AlipayKeys.LoadPublicKey(OpenSsl.BareBase64(File.ReadAllText(keys.Pkcs1PublicPath)));
        using var wrapped = AlipayKeys.LoadPublicKey(string.Join("\n", OpenSsl.BareBase64(keys.Public).Chunk(64).Select(c => new string(c))));
        var modulus = spki.ExportParameters(false).Modulus;
        foreach (var k in new[] { pkcs1, bare, barePkcs1, wrapped })
        {
            Assert.Equal(modulus, k.ExportParameters(false).Modulus);
        }
    }

    [Fact]
    public async Task Exported_pem_is_read_by_openssl()
    {
        using var rsa = RSA.Create(2048);
        var privPath = Path.Combine(keys.Dir, "ours-private.pem");
        var pubPath = Path.Combine(keys.Dir, "ours-public.pem");
        File.WriteAllText(privPath, AlipayKeys.ExportPrivateKeyPem(rsa));
        File.WriteAllText(pubPath, AlipayKeys.ExportPublicKeyPem(rsa));

        Assert.Contains("BEGIN PRIVATE KEY", File.ReadAllText(privPath), StringComparison.Ordinal);
        var check = await OpenSsl.RunAsync("rsa", "-in", privPath, "-check", "-noout");
        Assert.Equal(0, check.ExitCode);
        var pubCheck = await OpenSsl.RunAsync("pkey", "-pubin", "-in", pubPath, "-noout");
        Assert.Equal(0, pubCheck.ExitCode);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("QUJD")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----")]
    public void Garbage_private_key_is_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => AlipayKeys.LoadPrivateKey(text));

    [Fact]
    public void Public_key_where_a_private_key_is_expected_is_refused()
    {
        Assert.Throws<FormatException>(() => AlipayKeys.LoadPrivateKey(keys.Public));
        Assert.Throws<FormatException>(() => AlipayKeys.LoadPrivateKey(OpenSsl.BareBase64(keys.Public)));
    }

    [Fact]
    public void Private_key_where_a_public_key_is_expected_is_refused() =>
        Assert.Throws<FormatException>(() => AlipayKeys.LoadPublicKey(keys.Pkcs8Private));
}
