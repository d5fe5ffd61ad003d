using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Payments;

/// <summary>Reports every invalid payments and auto-complete setting by name at start-up.</summary>
public sealed class PaymentsOptionsValidator : IValidateOptions<PaymentsOptions>, IValidateOptions<AutoCompleteOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentsOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, AutoCompleteOptions options) => Result(options.Validate());

    private static ValidateOptionsResult Result(IEnumerable<string> failures)
    {
        var list = failures.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
