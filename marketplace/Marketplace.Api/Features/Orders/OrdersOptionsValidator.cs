using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Orders;

/// <summary>Reports every invalid <c>Orders</c> setting by name at start-up.</summary>
public sealed class OrdersOptionsValidator : IValidateOptions<OrdersOptions>
{
    public ValidateOptionsResult Validate(string? name, OrdersOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
