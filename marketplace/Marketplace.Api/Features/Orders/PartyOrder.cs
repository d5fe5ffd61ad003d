using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Features.Orders;

/// <summary>Which side of an order a step belongs to.</summary>
public enum OrderParty
{
    Buyer,
    Seller,
}

/// <summary>
/// An order as one party asks for a step that is that party's: the order, or the refusal (404 to strangers, 403 to
/// the other party, who knows the order exists).
/// </summary>
public sealed record PartyOrder(Order? Order, ProblemHttpResult? Refusal)
{
    [MemberNotNullWhen(true, nameof(Order))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Allowed => Order is not null;
}
