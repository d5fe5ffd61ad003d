using Marketplace.Api.Domain;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// The one rule for a price in a request body (listings and flash sales): present, an ISO 4217
/// currency, an amount within its minor unit, and more than zero, because nothing is given away
/// through checkout and the payment gateway refuses a zero charge anyway.
/// </summary>
public static class PriceRules
{
    /// <summary>The price, or null with an error under <c>price</c>, <c>price.amount</c> or <c>price.currency</c>.</summary>
    public static Money? Validate(PriceDto? price, ValidationErrors errors)
    {
        if (price is null)
        {
            errors.Add("price", "Price is required.");
            return null;
        }

        if (price.Amount is null)
        {
            errors.Add("price.amount", "Amount is required.");
            return null;
        }

        if (!Money.TryCreate(price.Amount.Value, price.Currency, out var money, out var error))
        {
            errors.Add(Currencies.IsKnown(price.Currency) ? "price.amount" : "price.currency", error);
            return null;
        }

        if (money.Amount == 0)
        {
            errors.Add("price.amount", "Amount must be more than zero.");
            return null;
        }

        return money;
    }
}
