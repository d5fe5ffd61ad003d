using System.Globalization;
using System.Runtime.InteropServices;

namespace Bench.Reporting;

/// <summary>
/// Where the numbers came from: processor, cores, OS, .NET and how busy the machine already was (the benchmarks run on
/// shared machines, so a result states its load). Keys: cpu, logical_cores, load_average_1_5_15, os, dotnet.
/// </summary>
public static class MachineInfo
{
    /// <summary>The machine now, plus any <paramref name="extra"/> entries (e.g. a runtime library's version).</summary>
    public static IReadOnlyDictionary<string, string> Describe(params (string Key, string Value)[] extra)
    {
        var machine = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cpu"] = CpuModel(),
            ["logical_cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["load_average_1_5_15"] = LoadAverage(),
            ["os"] = RuntimeInformation.OSDescription,
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
        };
        foreach (var (key, value) in extra)
        {
            machine[key] = value;
        }

        return machine;
    }

    /// <summary>The 1, 5 and 15 minute load averages ("n/a" off Linux).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>/proc/cpuinfo's model name, else the process architecture.</summary>
    public static string CpuModel() =>
        (File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").Where(l => l.StartsWith("model name", StringComparison.Ordinal)).Select(l => l.Split(':', 2)[1].Trim()).FirstOrDefault()
            : null) ?? RuntimeInformation.ProcessArchitecture.ToString();
}
