namespace Marketplace.Tests.Security;

/// <summary>The status each identity gets from one endpoint, each on a world of its own.</summary>
public sealed record Expect(int Anonymous, int Buyer, int OtherBuyer, int Seller, int OtherSeller, int Admin)
{
    public int For(Identity identity) => identity switch
    {
        Identity.Anonymous => Anonymous,
        Identity.Buyer => Buyer,
        Identity.OtherBuyer => OtherBuyer,
        Identity.Seller => Seller,
        Identity.OtherSeller => OtherSeller,
        Identity.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(identity)),
    };

    /// <summary>The same status for everyone (public endpoints).</summary>
    public static Expect All(int status) => new(status, status, status, status, status, status);

    /// <summary>401 without a token, 403 for everyone but an administrator.</summary>
    public static Expect AdminOnly(int status) => new(401, 403, 403, 403, 403, status);
}
