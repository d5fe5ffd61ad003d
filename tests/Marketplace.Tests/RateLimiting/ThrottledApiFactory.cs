using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.RateLimiting;

/// <summary>
/// The API with some rate limits lowered (the fixture raises the rest) and clients that can choose their
/// remote address. A second instance (<see cref="SecondInstance"/>) shares the database and Redis prefix.
/// </summary>
public abstract class ThrottledApiFactory : MarketplaceApiFactory
{
    private readonly IReadOnlyDictionary<string, string?> _limits;

    protected ThrottledApiFactory(IReadOnlyDictionary<string, string?> limits) => _limits = limits;

    private ThrottledApiFactory(ThrottledApiFactory primary)
        : base(primary) => _limits = primary._limits;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => _limits;

    /// <summary>Another host of the same deployment; the caller initialises and disposes it.</summary>
    public MarketplaceApiFactory SecondInstance() => new Instance(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>());
    }

    private sealed class Instance(ThrottledApiFactory primary) : ThrottledApiFactory(primary);
}
