namespace Marketplace.Tests.Cache;

/// <summary>
/// Tests that put thousands of concurrent reads through one process run on their own, after the
/// parallel ones: on a 2-core machine they would starve other tests' Redis timeouts (and theirs).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CacheLoadCollection
{
    public const string Name = "Cache load";
}
