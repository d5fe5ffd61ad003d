namespace Marketplace.Api.Infrastructure.Messaging;

public sealed record DeadLetterPage(IReadOnlyList<DeadLetterView> Items, int Page, int PageSize, int Total);
