using Microsoft.Extensions.Options;

namespace Alipay.Sandbox;

public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AppId is { } id && (id.Length is < 1 or > 32 || !id.All(char.IsAsciiDigit)))
        {
            failures.Add("Sandbox:AppId must be 1..32 digits.");
        }
        if (options.Notifications.RetrySchedule is { } s && s.Any(d => d < TimeSpan.Zero))
        {
            failures.Add("Sandbox:Notifications:RetrySchedule entries must not be negative.");
        }
        if (options.Notifications.AttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add("Sandbox:Notifications:AttemptTimeout must be positive.");
        }
        if (options.Notifications.MaxConcurrency < 1)
        {
            failures.Add("Sandbox:Notifications:MaxConcurrency must be at least 1.");
        }
        if (options.PersistDelay < TimeSpan.Zero)
        {
            failures.Add("Sandbox:PersistDelay must not be negative.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
