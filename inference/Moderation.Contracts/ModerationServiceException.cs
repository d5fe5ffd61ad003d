using System.Net;

namespace Moderation.Contracts;

/// <summary>
/// The service answered with a refusal (problem details) that retrying will not fix, such as a 400 or 413;
/// <see cref="ProblemType"/> is the problem's stable <c>type</c>.
/// </summary>
public sealed class ModerationServiceException(HttpStatusCode status, string? problemType, string message)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string? ProblemType { get; } = problemType;
}
