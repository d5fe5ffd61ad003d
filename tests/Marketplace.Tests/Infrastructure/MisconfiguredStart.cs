using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Starts the API with one setting overridden and returns the validation failure that ends its start-up.</summary>
public static class MisconfiguredStart
{
    public static async Task<OptionsValidationException> FailureAsync(string key, string value) =>
        Assert.IsType<OptionsValidationException>(await StartFailureAsync(() => new Factory(key, value)));

    /// <summary>
    /// Starts the API <paramref name="create"/> builds and returns what ended its start-up (fails when it started).
    /// WebApplicationFactory's deferred host sometimes reports a failed start as ObjectDisposedException (the host's
    /// services are gone before it reads the failure: about 1 clean CI run in 3 across these tests); that is the
    /// harness racing, not the API, so such a start is tried again, at most three times.
    /// </summary>
    public static async Task<Exception> StartFailureAsync(Func<MarketplaceApiFactory> create)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var api = create();
            var error = Record.Exception(() => api.Server);
            if (error is not ObjectDisposedException || attempt == 3)
            {
                Assert.NotNull(error);
                return error;
            }
        }
    }

    private sealed class Factory(string key, string value) : MarketplaceApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
            new Dictionary<string, string?> { [key] = value };
    }
}
