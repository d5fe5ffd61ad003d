using Moderation.Contracts;

namespace Marketplace.Api.Infrastructure.Moderation;

/// <summary>
/// Where the inference service is, or that it is not configured (<c>Moderation:BaseUrl</c> unset): then the
/// marketplace still runs, reviews stay PENDING and readyz says so.
/// </summary>
public sealed record ModerationEndpoint(Uri? BaseAddress)
{
    public bool Configured => BaseAddress is not null;

    /// <summary>Reads <c>Moderation:BaseUrl</c> (or <c>Moderation:BaseAddress</c>); throws on a value that is not an http(s) URL.</summary>
    public static ModerationEndpoint From(IConfiguration configuration)
    {
        var section = configuration.GetSection(ModerationClientOptions.Section);
        var address = section["BaseUrl"] ?? section[nameof(ModerationClientOptions.BaseAddress)];
        if (string.IsNullOrWhiteSpace(address))
        {
            return new ModerationEndpoint((Uri?)null);
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{ModerationSetup.BaseUrlKey} must be an absolute http(s) URL, got '{address}'.");
        }

        // The client resolves relative paths ("v1/moderate"): the base must end with a slash to keep its own path.
        return new ModerationEndpoint(baseAddress.AbsolutePath.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/"));
    }
}
