namespace Marketplace.Web.Api;

/// <summary>The value of a call whose success has no body (204, or a body the page does not read).</summary>
public sealed record NoContent
{
    public static NoContent Value { get; } = new();
}
