using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Payments;

/// <summary>Reports every invalid payments setting by name at start-up.</summary>
public sealed class PaymentsOptionsValidator : IValidateOptions<PaymentsOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
