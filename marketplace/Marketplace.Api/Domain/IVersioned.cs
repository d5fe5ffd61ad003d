namespace Marketplace.Api.Domain;

/// <summary>
/// A row with an explicit optimistic-concurrency counter. Every save bumps it, and updates match on
/// the value read, so writers race as <c>UPDATE ... WHERE id = @id AND version = @v</c>.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
