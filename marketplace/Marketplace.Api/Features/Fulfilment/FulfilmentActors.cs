namespace Marketplace.Api.Features.Fulfilment;

/// <summary>Order history actors for fulfilment's system transitions.</summary>
public static class FulfilmentActors
{
    public const string AutoComplete = "system:auto-complete";
}
