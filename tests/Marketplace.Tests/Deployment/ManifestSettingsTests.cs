extern alias web;
using Marketplace.Api.Infrastructure.Messaging;
using Moderation.Contracts;

namespace Marketplace.Tests.Deployment;

/// <summary>
/// Every setting deploy/compose.yaml and deploy/k8s pass to a service is one that service reads (a misspelt key would
/// otherwise be ignored in silence), and the settings without which a service cannot start are there.
/// </summary>
public sealed class ManifestSettingsTests
{
    private static readonly Dictionary<string, ServiceSettings> Services = new(StringComparer.Ordinal)
    {
        ["marketplace-api"] = new(
            [typeof(KafkaOptions).Assembly, typeof(Marketplace.Alipay.AlipayOptions).Assembly, typeof(ModerationClientOptions).Assembly],
            ["Postgres", "Redis"], ["Moderation:BaseUrl"]),
        ["inference"] = new([typeof(Moderation.Inference.Options.InferenceOptions).Assembly], []),
        ["alipay-sandbox"] = new([typeof(global::Alipay.Sandbox.SandboxOptions).Assembly], []),
        ["web"] = new([typeof(web::Marketplace.Web.Api.MarketplaceOptions).Assembly], []),
    };

    public static TheoryData<string, string, string> ComposeSettings() => Rows("compose", DeploymentManifests.ComposeSettings());

    public static TheoryData<string, string, string> KubernetesSettings() => Rows("k8s", DeploymentManifests.KubernetesSettings());

    [Theory]
    [MemberData(nameof(ComposeSettings))]
    [MemberData(nameof(KubernetesSettings))]
    public void Each_setting_a_manifest_passes_is_one_the_service_reads(string manifest, string service, string key)
    {
        // The manifest is part of the case's name: compose and k8s pass many of the same keys, and xUnit drops a case
        // whose arguments repeat another's.
        Assert.NotEmpty(manifest);
        Assert.True(Services.ContainsKey(service), $"no settings catalogue for {service}");
        Assert.Null(Services[service].Problem(key));
    }

    [Fact]
    public void Every_service_built_here_has_a_settings_catalogue()
    {
        Assert.Equal(Services.Keys.Order(), DeploymentManifests.ComposeBuiltServices().Order());
        Assert.Subset(Services.Keys.ToHashSet(), DeploymentManifests.KubernetesSettings().Keys.ToHashSet());
    }

    [Fact]
    public void The_checker_rejects_a_misspelt_key_and_a_key_under_a_single_value()
    {
        var api = Services["marketplace-api"];
        Assert.Contains("Kafka", api.Sections);
        Assert.Null(api.Problem("RateLimiting:KnownProxies:0"));
        Assert.NotNull(api.Problem("Kafka:BootstrapServer"));
        Assert.NotNull(api.Problem("Jwt:SigningKey:Extra"));
        Assert.NotNull(api.Problem("Kafak:BootstrapServers"));
    }

    [Fact]
    public void Both_deployments_give_the_api_what_it_cannot_start_without()
    {
        string[] required = ["ConnectionStrings:Postgres", "ConnectionStrings:Redis", "Kafka:BootstrapServers", "Jwt:SigningKey", "Moderation:BaseUrl"];
        Assert.Subset(DeploymentManifests.ComposeSettings()["marketplace-api"].ToHashSet(), required.ToHashSet());
        Assert.Subset(DeploymentManifests.KubernetesSettings()["marketplace-api"].ToHashSet(), required.ToHashSet());
        Assert.Contains("Marketplace:BaseUrl", DeploymentManifests.KubernetesSettings()["web"]);
    }

    private static TheoryData<string, string, string> Rows(string manifest, IReadOnlyDictionary<string, IReadOnlyList<string>> settings)
    {
        var rows = new TheoryData<string, string, string>();
        // Only this repository's services: PostgreSQL, Redis, Kafka and nginx read their own images' variables.
        foreach (var (service, keys) in settings.Where(s => Services.ContainsKey(s.Key)))
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                rows.Add(manifest, service, key);
            }
        }

        return rows;
    }
}
