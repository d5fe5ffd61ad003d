namespace Marketplace.Api.Domain;

/// <summary>
/// An amount of one ISO 4217 currency. Decimal only: prices are never binary floating point.
/// Construct through <see cref="Create"/> or <see cref="TryCreate"/>, which check the currency code
/// and that the amount has no more decimals than the currency's minor unit.
/// </summary>
public sealed record Money
{
    /// <summary>Largest amount the catalog stores (numeric(18,4)).</summary>
    public const decimal MaxAmount = 99_999_999_999_999m;

    public decimal Amount { get; }

    public string Currency { get; }

    // EF Core materialises through this constructor; values in the database were validated on the way
    // in. Rounding to the minor unit drops the column's extra scale (12.5000 USD reads back as 12.50).
    private Money(decimal amount, string currency)
    {
        Amount = decimal.Round(amount, Currencies.MinorUnits(currency));
        Currency = currency;
    }

    public static Money Create(decimal amount, string currency) =>
        TryCreate(amount, currency, out var money, out var error)
            ? money
            : throw new ArgumentException(error, nameof(amount));

    public static bool TryCreate(decimal amount, string? currency, out Money money, out string error)
    {
        money = null!;
        if (!Currencies.IsKnown(currency))
        {
            error = "Currency must be an ISO 4217 code in upper case, such as USD or CNY.";
            return false;
        }

        if (amount < 0 || amount > MaxAmount)
        {
            error = $"Amount must be between 0 and {MaxAmount}.";
            return false;
        }

        var digits = Currencies.MinorUnits(currency!);
        if (decimal.Round(amount, digits) != amount)
        {
            error = $"{currency} allows at most {digits} decimal places.";
            return false;
        }

        money = new Money(amount, currency!);
        error = string.Empty;
        return true;
    }

    public override string ToString() => FormattableString.Invariant($"{Amount} {Currency}");
}
