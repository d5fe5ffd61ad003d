namespace Marketplace.Api.Features.Reviews;

/// <summary>Limits of a review's fields, shared by validation and the schema.</summary>
public static class ReviewRules
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxTextLength = 2000;
    public const int MaxNoteLength = 1000;
}
