using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Marketplace.Tests.FlashSale;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Errors;

/// <summary>
/// Outside Development the API refuses to start on a development default (random signing key, in-memory Kafka, the
/// local Alipay sandbox and its keys, a notify URL from the Host header), naming the setting; fully configured, it starts.
/// </summary>
public sealed class ProductionStartTests : IDisposable
{
    private const string ScrapeToken = "production-scrape-token-0123456789";
    private readonly MockKafkaCluster _kafka = new(brokers: 1);
    private readonly RSA _appKey = RSA.Create(2048);
    private readonly RSA _alipayKey = RSA.Create(2048);

    public void Dispose()
    {
        _kafka.Dispose();
        _appKey.Dispose();
        _alipayKey.Dispose();
    }

    /// <summary>What a production deployment sets on top of the fixture's connection strings and signing key.</summary>
    private Dictionary<string, string?> ProductionSettings() => new()
    {
        ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
        ["Alipay:GatewayUrl"] = "https://openapi.alipay.example/gateway.do",
        ["Alipay:NotifyUrl"] = "https://marketplace.example/api/payments/alipay/notify",
        ["Alipay:AppId"] = "2021000000000001",
        ["Alipay:AppPrivateKey"] = _appKey.ExportPkcs8PrivateKeyPem(),
        ["Alipay:AlipayPublicKey"] = _alipayKey.ExportSubjectPublicKeyInfoPem(),
        ["Metrics:ScrapeToken"] = ScrapeToken,
    };

    [Theory]
    [InlineData("Jwt:SigningKey")]
    [InlineData("Kafka:BootstrapServers")]
    [InlineData("Alipay:NotifyUrl")]
    [InlineData("Alipay:GatewayUrl")]
    [InlineData("Alipay:AppId")]
    [InlineData("Alipay:AppPrivateKey")]
    [InlineData("Alipay:AlipayPublicKey")]
    public async Task Production_refuses_to_start_on_a_development_default_naming_the_setting(string setting)
    {
        var settings = ProductionSettings();
        settings[setting] = null;

        var error = await MisconfiguredStart.StartFailureAsync(() => new ConfiguredApiFactory(settings, "Production"));

        var invalid = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(setting, invalid.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', invalid.Message);
    }

    [Fact]
    public async Task Production_refuses_the_local_sandbox_gateway_even_when_set_explicitly()
    {
        var settings = ProductionSettings();
        settings["Alipay:GatewayUrl"] = "http://127.0.0.1:5090/gateway.do";

        var error = await MisconfiguredStart.StartFailureAsync(() => new ConfiguredApiFactory(settings, "Production"));

        Assert.Contains("Alipay:GatewayUrl", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_starts_without_any_of_them()
    {
        var settings = new Dictionary<string, string?> { ["Jwt:SigningKey"] = null, ["Alipay:NotifyUrl"] = null };
        await using var api = new ConfiguredApiFactory(settings);
        await api.InitializeAsync();

        var response = await api.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_fully_configured_production_start_succeeds_and_serves_metrics_only_with_the_token()
    {
        await using var api = new ConfiguredApiFactory(ProductionSettings(), "Production");
        await api.InitializeAsync();
        var client = api.CreateClient();

        var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var anonymous = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        var scraped = await client.SendAsync(scrape, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
    }

    [Fact]
    public async Task Production_without_a_scrape_token_does_not_serve_metrics()
    {
        var settings = ProductionSettings();
        settings["Metrics:ScrapeToken"] = null;
        await using var api = new ConfiguredApiFactory(settings, "Production");
        await api.InitializeAsync();

        var response = await api.CreateClient().GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
