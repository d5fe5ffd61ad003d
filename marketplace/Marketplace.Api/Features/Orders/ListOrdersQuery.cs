using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// "My orders" as query text: which side of the orders the caller is on (<c>buyer</c>, the default, or
/// <c>seller</c>), an optional state (PENDING_PAYMENT, PAID, ...) and paging.
/// </summary>
public sealed record ListOrdersQuery(string? Role, string? State, string? Page, string? PageSize)
{
    public const string BuyerRole = "buyer";
    public const string SellerRole = "seller";

    public sealed record Valid(OrderParty Party, OrderState? State, PageRequest Paging);

    public Valid? Validate(ValidationErrors errors)
    {
        var paging = PageRequest.Read(Page, PageSize, errors);
        OrderParty? party = string.IsNullOrEmpty(Role) ? OrderParty.Buyer
            : Role.Equals(BuyerRole, StringComparison.OrdinalIgnoreCase) ? OrderParty.Buyer
            : Role.Equals(SellerRole, StringComparison.OrdinalIgnoreCase) ? OrderParty.Seller
            : null;
        OrderState? state = null;
        if (!string.IsNullOrEmpty(State))
        {
            // The wire names are upper case; "paid" is the same state, not a typo worth a 400.
            if (OrderStateNames.TryParse(State.ToUpperInvariant(), out var parsed))
            {
                state = parsed;
            }
            else
            {
                errors.Add("state", $"state must be one of: {string.Join(", ", OrderStateNames.All.Order(StringComparer.Ordinal))}.");
            }
        }

        errors.When(party is null, "role", $"role must be '{BuyerRole}' or '{SellerRole}'.");
        return errors.IsEmpty && paging is not null && party is { } side ? new Valid(side, state, paging) : null;
    }
}
