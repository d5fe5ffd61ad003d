using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace FlashSale.Benchmarks;

/// <summary>
/// The marketplace API as its own process (<see cref="ServedApi"/>, with the bench endpoints): real Kestrel on a free
/// loopback port, configured through environment variables, stopped (killed with its tree) on dispose. Its output goes
/// to a log file.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ApiProcess(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ApiProcess> StartAsync(string apiAssembly, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        // This executable again, serving the API (ServedApi) from the API's folder (its content root and settings).
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(self) { WorkingDirectory = Path.GetDirectoryName(apiAssembly)! };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        info.ArgumentList.Add(ServedApi.Verb);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString());
        info.ArgumentList.Add("--applicationName");
        info.ArgumentList.Add(Path.GetFileNameWithoutExtension(apiAssembly));
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = typeof(BenchHostingStartup).Assembly.GetName().Name;
        return new ApiProcess(await ChildProcess.StartAsync(info, "The API", logPath, new Uri(address, "/readyz")), address);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
