namespace Moderation.Inference.Api;

/// <summary>Problem details results (RFC 7807) with the service's stable types.</summary>
public static class Problems
{
    public static IResult Of(int status, string type, string title, string detail) =>
        Results.Problem(statusCode: status, type: type, title: title, detail: detail);

    public static IResult BadRequest(string type, string detail) => Of(StatusCodes.Status400BadRequest, type, "Bad request", detail);

    public static IResult TooLarge(string type, string detail) => Of(StatusCodes.Status413PayloadTooLarge, type, "Payload too large", detail);
}
