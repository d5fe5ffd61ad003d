namespace Marketplace.Api.Features.Reviews;

/// <summary>The actor strings of the audit table.</summary>
public static class ReviewActors
{
    public const string Moderation = "system:moderation";
    public const string Remoderation = "system:remoderation";

    public static string Admin(Guid id) => $"admin:{id:N}";

    public static string Author(Guid id) => $"author:{id:N}";
}
