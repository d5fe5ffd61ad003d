using Microsoft.AspNetCore.DataProtection;

namespace Marketplace.Api.Features.Fulfilment;

/// <summary>
/// Encrypts delivery secrets at rest with ASP.NET Core Data Protection (one purpose for all of them). The purpose
/// string keeps its Payments name from before fulfilment was its own feature: changing it would make every stored
/// secret unreadable.
/// </summary>
public sealed class DeliverySecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Marketplace.Payments.DeliverySecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
