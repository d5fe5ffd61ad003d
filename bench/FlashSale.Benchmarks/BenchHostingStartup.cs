using FlashSale.Benchmarks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(BenchHostingStartup))]

namespace FlashSale.Benchmarks;

/// <summary>
/// Adds <see cref="BenchEndpoints"/> to the API when <see cref="ServedApi"/> runs it: ASP.NET Core loads this
/// hosting startup because <see cref="ApiProcess"/> names this assembly in <c>ASPNETCORE_HOSTINGSTARTUPASSEMBLIES</c>.
/// </summary>
public sealed class BenchHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, BenchEndpoints>());
}
