using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Hosting;

/// <summary>Two replicas given one key directory read each other's cookies; with separate rings they cannot.</summary>
public sealed class KeyRingTests
{
    private static IDataProtector Replica(string? keyDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeyDirectory"] = keyDirectory })
            .Build();
        var services = new ServiceCollection().AddLogging().AddWebKeyRing(configuration).BuildServiceProvider();
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector("session-cookie");
    }

    [Fact]
    public void Replicas_sharing_a_key_directory_unprotect_each_others_payloads_and_others_cannot()
    {
        var shared = Path.Combine(Path.GetTempPath(), "web-keys-" + Guid.NewGuid().ToString("N")[..8]);
        var other = Path.Combine(Path.GetTempPath(), "web-keys-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var cookie = Replica(shared).Protect("buyer session");

            Assert.Equal("buyer session", Replica(shared).Unprotect(cookie));
            Assert.NotEmpty(Directory.GetFiles(shared, "key-*.xml"));
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Replica(other).Unprotect(cookie));
        }
        finally
        {
            foreach (var dir in new[] { shared, other }.Where(Directory.Exists))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
