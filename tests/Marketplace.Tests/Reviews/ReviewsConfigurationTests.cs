using Marketplace.Api.Infrastructure.Moderation;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Marketplace.Tests.Reviews;

/// <summary>The inference address and the worker's options, read and checked at start-up.</summary>
public sealed class ReviewsConfigurationTests
{
    [Theory]
    [InlineData("Reviews:BatchSize", "65", "BatchSize")]
    [InlineData("Reviews:BatchSize", "0", "BatchSize")]
    [InlineData("Reviews:RetryMaxDelay", "00:00:00.020", "RetryMaxDelay")]
    [InlineData("Reviews:PollInterval", "00:00:00", "PollInterval")]
    public async Task Invalid_worker_setting_fails_start_up_naming_it(string key, string value, string named)
    {
        var error = await MisconfiguredStart.FailureAsync(key, value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BaseUrl", "http://127.0.0.1:5070", "http://127.0.0.1:5070/")]
    [InlineData("BaseUrl", "http://inference.local/moderation", "http://inference.local/moderation/")]
    [InlineData("BaseAddress", "https://inference.local/", "https://inference.local/")]
    public void The_address_is_read_from_either_key_with_a_trailing_slash(string key, string value, string expected)
    {
        var endpoint = ModerationEndpoint.From(Configuration(("Moderation:" + key, value)));

        Assert.True(endpoint.Configured);
        Assert.Equal(new Uri(expected), endpoint.BaseAddress);
    }

    [Fact]
    public void No_address_means_not_configured_and_a_bad_one_is_refused_naming_the_key()
    {
        Assert.False(ModerationEndpoint.From(Configuration()).Configured);
        var error = Assert.Throws<InvalidOperationException>(() => ModerationEndpoint.From(Configuration(("Moderation:BaseUrl", "ftp://inference.local"))));
        Assert.Contains("Moderation:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
