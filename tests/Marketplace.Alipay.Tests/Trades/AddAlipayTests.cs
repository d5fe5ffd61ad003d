using System.Security.Cryptography;
using Marketplace.Alipay;
using Marketplace.Alipay.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Payments.Alipay.Trades;

public sealed class AddAlipayTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddAlipay(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Key_directory_alone_configures_client_and_verifier()
    {
        var dir = Directory.CreateTempSubdirectory("alipay-keys-").FullName;
        try
        {
            using var app = RSA.Create(2048);
            using var alipay = RSA.Create(2048);
            File.WriteAllText(Path.Combine(dir, "app_id.txt"), "2021000000000042\n");
            File.WriteAllText(Path.Combine(dir, "app_private_key.pem"), app.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(Path.Combine(dir, "alipay_public_key.pem"), alipay.ExportSubjectPublicKeyInfoPem());
            using var provider = Build(new() { ["Alipay:KeyDirectory"] = dir, ["Alipay:GatewayUrl"] = "http://127.0.0.1:5090/gateway.do" });

            var client = provider.GetRequiredService<AlipayClient>();
            Assert.NotNull(provider.GetRequiredService<AlipayNotificationVerifier>());
            Assert.Equal("2021000000000042", provider.GetRequiredService<AlipayKeyRing>().AppId);
            Assert.Contains("app_id=2021000000000042", client.BuildPagePayUrl(new("o_1", 1m, "x")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Missing_or_invalid_settings_fail_validation_with_every_reason()
    {
        using var provider = Build(new()
        {
            ["Alipay:GatewayUrl"] = "gateway.do",
            ["Alipay:SignType"] = "RSA",
            ["Alipay:NotifyUrl"] = "not a url",
            ["Alipay:DefaultTimeoutExpress"] = "90x",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AlipayOptions>>().Value);
        var all = string.Join("\n", ex.Failures);
        foreach (var key in new[] { "GatewayUrl", "AppId", "AppPrivateKey", "AlipayPublicKey", "SignType", "NotifyUrl", "DefaultTimeoutExpress" })
        {
            Assert.Contains("Alipay:" + key, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Key_files_that_do_not_exist_yet_are_a_clear_error_at_first_use()
    {
        using var provider = Build(new() { ["Alipay:KeyDirectory"] = "/nonexistent/alipay" });
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<AlipayKeyRing>().AppId);
        Assert.Contains("app_id.txt", ex.Message, StringComparison.Ordinal);
    }
}
