using Microsoft.AspNetCore.DataProtection;

namespace Marketplace.Api.Features.Payments;

/// <summary>Encrypts delivery secrets at rest with ASP.NET Core Data Protection (one purpose for all of them).</summary>
public sealed class DeliverySecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Marketplace.Payments.DeliverySecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
