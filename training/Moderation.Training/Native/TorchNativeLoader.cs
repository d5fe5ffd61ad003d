using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Moderation.Training.Native;

/// <summary>
/// Makes TorchSharp's native backend loadable before the first <c>torch</c> call.
/// TorchSharp 0.107's <c>libLibTorchSharp.so</c> was linked against GCC 13's libstdc++ and asks for
/// <c>GLIBCXX_3.4.32</c>, whose only symbol is <c>std::ios_base_library_init()</c>. Debian 12 ships
/// GCC 12's libstdc++ (up to 3.4.30), so the library does not load there. Where the system lacks that
/// version this class builds, once, a patched copy under a cache folder: the symbol loses its version,
/// the version requirement becomes weak, and a tiny library compiled with the machine's g++ defines the
/// symbol. TorchSharp is then pointed at that copy through a DllImport resolver. Elsewhere it does nothing.
/// </summary>
public static class TorchNativeLoader
{
    private const string RequiredVersion = "GLIBCXX_3.4.32";
    private const string MissingSymbol = "_ZSt21ios_base_library_initv";
    private const string ShimName = "libmoderation_iosinit.so";
    private const string NativeName = "libLibTorchSharp.so";

    private static readonly Lock Gate = new();
    private static volatile bool done;

    /// <summary>Where the patched copy lives when one was needed; null when the shipped library is used.</summary>
    public static string? PatchedLibraryPath { get; private set; }

    /// <summary>Applies the fix when this system needs it. Safe to call any number of times, from any thread.</summary>
    public static void EnsureLoaded()
    {
        if (done)
        {
            return;
        }

        lock (Gate)
        {
            if (done)
            {
                return;
            }

            if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64 && !SystemHasRequiredLibstdcxx())
            {
                var original = FindShippedLibrary()
                    ?? throw new TorchNativeException($"cannot find {NativeName} next to the application or in the NuGet cache; restore the TorchSharp-cpu package");
                var patched = PreparePatchedCopy(original);
                var handle = NativeLibrary.Load(patched);
                NativeLibrary.SetDllImportResolver(typeof(TorchSharp.torch).Assembly, (name, _, _) =>
                    name is "LibTorchSharp" or NativeName ? handle : IntPtr.Zero);
                PatchedLibraryPath = patched;
            }

            done = true;
        }
    }

    /// <summary>True when the libstdc++ this process uses (or the system's) already defines <c>GLIBCXX_3.4.32</c>.</summary>
    internal static bool SystemHasRequiredLibstdcxx()
    {
        var path = LoadedLibstdcxx() ?? SystemLibstdcxxCandidates().FirstOrDefault(File.Exists);
        if (path is null)
        {
            return true; // Nothing to inspect: let TorchSharp try (and report) on its own.
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(RequiredVersion + "\0")) >= 0;
    }

    private static string? LoadedLibstdcxx()
    {
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(parts => parts.Length >= 6 && parts[5].Contains("libstdc++.so", StringComparison.Ordinal))
                .Select(parts => parts[5])
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SystemLibstdcxxCandidates() =>
    [
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    ];

    private static string? FindShippedLibrary()
    {
        var baseDir = AppContext.BaseDirectory;
        var candidates = new List<string>
        {
            Path.Combine(baseDir, "runtimes", "linux-x64", "native", NativeName),
            Path.Combine(baseDir, NativeName),
        };
        var version = typeof(TorchSharp.torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0];
        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (version is not null)
        {
            candidates.Add(Path.Combine(nugetRoot, "torchsharp", version, "runtimes", "linux-x64", "native", NativeName));
        }

        // The libtorch libraries must sit beside it: the patched copy resolves them from there.
        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.Combine(Path.GetDirectoryName(c)!, "libtorch_cpu.so")));
    }

    private static string PreparePatchedCopy(string original)
    {
        var nativeDir = Path.GetDirectoryName(original)!;
        var key = CacheKey(original, nativeDir);
        var target = Path.Combine(CacheRoot(), "torchsharp-native", key);
        var patched = Path.Combine(target, NativeName);
        if (File.Exists(patched) && File.Exists(Path.Combine(target, ShimName)))
        {
            return patched;
        }

        var patchelf = FindTool("patchelf", "patchelf");
        var gxx = FindTool("g++", "g++");
        var staging = target + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var shimSource = Path.Combine(staging, "iosinit.cpp");
            File.WriteAllText(shimSource,
                "// Defines the one GCC 13 libstdc++ symbol that GCC 12's lacks.\n" +
                "#include <ios>\n" +
                "namespace std { __attribute__((visibility(\"default\"))) void ios_base_library_init() { static ios_base::Init init; } }\n");
            Run(gxx, "-shared", "-fPIC", "-O2", "-o", Path.Combine(staging, ShimName), shimSource);

            var copy = Path.Combine(staging, NativeName);
            File.Copy(original, copy);
            Run(patchelf, "--clear-symbol-version", MissingSymbol, copy);
            Run(patchelf, "--add-needed", ShimName, copy);
            Run(patchelf, "--set-rpath", target + ":" + nativeDir, copy);
            ElfVersionPatcher.MarkVersionWeak(copy, RequiredVersion);
            File.Delete(shimSource);

            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (File.Exists(patched))
            {
                // Another process finished first; its copy is identical.
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return patched;
    }

    private static string CacheKey(string original, string nativeDir)
    {
        using var sha = SHA256.Create();
        var content = File.ReadAllBytes(original);
        var dir = Encoding.UTF8.GetBytes(nativeDir);
        sha.TransformBlock(content, 0, content.Length, null, 0);
        sha.TransformFinalBlock(dir, 0, dir.Length);
        return Convert.ToHexStringLower(sha.Hash!)[..16];
    }

    /// <summary>MODERATION_CACHE_DIR, else $XDG_CACHE_HOME/moderation, else ~/.cache/moderation.</summary>
    private static string CacheRoot()
    {
        var explicitDir = Environment.GetEnvironmentVariable("MODERATION_CACHE_DIR");
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            return explicitDir;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "moderation");
    }

    internal static string FindTool(string name, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        return path ?? throw new TorchNativeException(
            $"TorchSharp needs a patched native library on this system (libstdc++ lacks {RequiredVersion}) and '{name}' is missing: install it with 'apt-get install {debianPackage}'");
    }

    private static void Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new TorchNativeException($"cannot start {tool}");
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new TorchNativeException($"{Path.GetFileName(tool)} failed ({process.ExitCode}) while patching TorchSharp's native library: {stderr.Trim()}");
        }
    }
}
