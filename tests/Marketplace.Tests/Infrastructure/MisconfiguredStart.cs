using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Starts the API with one setting overridden and returns the validation failure that ends its start-up.</summary>
public static class MisconfiguredStart
{
    /// <summary>
    /// WebApplicationFactory's deferred host sometimes reports a failed start as ObjectDisposedException (the host's
    /// services are gone before it reads the failure: about 1 clean CI run in 3 across these tests); that is the
    /// harness racing, not the API, so such a start is tried again, at most three times.
    /// </summary>
    public static async Task<OptionsValidationException> FailureAsync(string key, string value)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var api = new Factory(key, value);
            var error = Record.Exception(() => api.Server);
            if (error is not ObjectDisposedException || attempt == 3)
            {
                return Assert.IsType<OptionsValidationException>(error);
            }
        }
    }

    private sealed class Factory(string key, string value) : MarketplaceApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
            new Dictionary<string, string?> { [key] = value };
    }
}
