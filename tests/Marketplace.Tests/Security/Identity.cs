namespace Marketplace.Tests.Security;

/// <summary>Who calls an endpoint in the authorisation matrix, relative to the world's resources.</summary>
public enum Identity
{
    /// <summary>No token.</summary>
    Anonymous,

    /// <summary>The buyer who owns the world's order, reservation and review.</summary>
    Buyer,

    /// <summary>A buyer with nothing in the world.</summary>
    OtherBuyer,

    /// <summary>The seller of the world's listing (and so of its order).</summary>
    Seller,

    /// <summary>A seller with a listing of their own, nothing to do with the world's.</summary>
    OtherSeller,

    /// <summary>An administrator.</summary>
    Admin,
}
