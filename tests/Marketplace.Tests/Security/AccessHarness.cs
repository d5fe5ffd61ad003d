using Marketplace.Tests.Payments;
using Marketplace.Tests.Reviews;
using Moderation.Inference.Tests;

namespace Marketplace.Tests.Security;

/// <summary>
/// The marketplace wired to the Alipay sandbox and to the real inference service (on
/// <see cref="KnownActionBundle"/>), with every optional endpoint mapped, so
/// the matrix and the fuzzer see the API's whole surface with every dependency up.
/// </summary>
public sealed class AccessHarness : PaymentsHarness
{
    private readonly Dictionary<string, string?> _settings;
    private InferenceServer? _inference;

    public AccessHarness()
        : this([])
    {
    }

    private AccessHarness(Dictionary<string, string?> settings)
        : base(settings)
    {
        _settings = settings;
    }

    public override async ValueTask InitializeAsync()
    {
        var bundle = await KnownActionBundle.GetAsync();
        _inference = await InferenceServer.StartAsync(bundle.Directory);
        // Read when the marketplace host is built, inside the base's InitializeAsync.
        _settings["Moderation:BaseUrl"] = _inference.Address.ToString();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_inference is not null)
        {
            await _inference.DisposeAsync();
        }
    }
}
