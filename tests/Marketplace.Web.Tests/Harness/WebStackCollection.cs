namespace Marketplace.Web.Tests.Harness;

/// <summary>One stack and one browser for every browser test: starting them is most of the cost.</summary>
[CollectionDefinition(Name)]
public sealed class WebStackCollection : ICollectionFixture<WebStack>
{
    public const string Name = "web stack";
}
