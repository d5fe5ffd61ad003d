namespace Marketplace.Api.Features.Catalog;

/// <summary>Money on the wire: a JSON number (read as decimal, never double) and an ISO 4217 code.</summary>
public sealed record PriceDto(decimal? Amount, string? Currency);
