using System.Diagnostics;
using System.Text;

namespace Marketplace.Tests.Payments.Alipay.Signing;

/// <summary>Runs the openssl command line, the independent reference the signatures are checked against.</summary>
internal static class OpenSsl
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("openssl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    public static async Task<string> RunOkAsync(params string[] args)
    {
        var (code, output) = await RunAsync(args);
        Assert.True(code == 0, $"openssl {string.Join(' ', args)} failed: {output}");
        return output;
    }

    /// <summary><c>openssl dgst -sha256 -sign</c> over the UTF-8 bytes of <paramref name="content"/>, base64.</summary>
    public static async Task<string> SignAsync(string privateKeyPath, string content, string workDir)
    {
        var data = Path.Combine(workDir, Guid.NewGuid().ToString("N") + ".txt");
        var sig = data + ".sig";
        await File.WriteAllBytesAsync(data, Encoding.UTF8.GetBytes(content), TestContext.Current.CancellationToken);
        await RunOkAsync("dgst", "-sha256", "-sign", privateKeyPath, "-out", sig, data);
        return Convert.ToBase64String(await File.ReadAllBytesAsync(sig, TestContext.Current.CancellationToken));
    }

    /// <summary><c>openssl dgst -sha256 -verify</c>; true only when openssl says "Verified OK".</summary>
    public static async Task<bool> VerifyAsync(string publicKeyPath, string content, string signatureBase64, string workDir)
    {
        var data = Path.Combine(workDir, Guid.NewGuid().ToString("N") + ".txt");
        var sig = data + ".sig";
        await File.WriteAllBytesAsync(data, Encoding.UTF8.GetBytes(content), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(sig, Convert.FromBase64String(signatureBase64), TestContext.Current.CancellationToken);
        var (code, output) = await RunAsync("dgst", "-sha256", "-verify", publicKeyPath, "-signature", sig, data);
        return code == 0 && output.Contains("Verified OK", StringComparison.Ordinal);
    }

    /// <summary>The base64 body of a PEM file, on one line: Alipay's console form of a key.</summary>
    public static string BareBase64(string pem) =>
        string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
}
