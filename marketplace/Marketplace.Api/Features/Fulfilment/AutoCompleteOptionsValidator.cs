using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Fulfilment;

/// <summary>Reports every invalid auto-complete setting by name at start-up.</summary>
public sealed class AutoCompleteOptionsValidator : IValidateOptions<AutoCompleteOptions>
{
    public ValidateOptionsResult Validate(string? name, AutoCompleteOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
