using EndToEnd.Tests.Harness;

namespace EndToEnd.Tests.Reviews;

/// <summary>One platform shared by the review tests that leave its processes running (they use their own users and listings).</summary>
[CollectionDefinition(Name)]
public sealed class ReviewsPlatform : ICollectionFixture<Platform>
{
    public const string Name = "reviews platform";
}
