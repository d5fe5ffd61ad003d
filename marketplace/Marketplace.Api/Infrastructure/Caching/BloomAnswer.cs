namespace Marketplace.Api.Infrastructure.Caching;

public enum BloomAnswer
{
    /// <summary>The id was never added: it does not exist.</summary>
    Absent,

    /// <summary>The id may exist (or is a false positive).</summary>
    MaybePresent,

    /// <summary>No complete filter could be read (Redis down, or the filter not built yet): do not reject.</summary>
    Unknown,
}
