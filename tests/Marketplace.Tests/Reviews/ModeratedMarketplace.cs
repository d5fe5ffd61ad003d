using Moderation.Inference.Tests;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// The real inference service on <see cref="KnownActionBundle"/> and the marketplace pointed at it: the
/// end-to-end pair most review tests share (each test makes its own users, listings and orders).
/// </summary>
public sealed class ModeratedMarketplace : IAsyncLifetime
{
    private InferenceServer? _inference;
    private ReviewsApiFactory? _api;

    internal KnownActionBundle Bundle { get; private set; } = null!;

    internal InferenceServer Inference => _inference ?? throw new InvalidOperationException("not started");

    internal ReviewsApiFactory Api => _api ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        Bundle = await KnownActionBundle.GetAsync();
        // At most 1000 characters per text: longer reviews exercise the service's bad-input refusal.
        _inference = await InferenceServer.StartAsync(Bundle.Directory, ("MaxTextChars", "1000"));
        _api = new ReviewsApiFactory(_inference.Address);
        await _api.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_inference is not null)
        {
            await _inference.DisposeAsync();
        }
    }
}
