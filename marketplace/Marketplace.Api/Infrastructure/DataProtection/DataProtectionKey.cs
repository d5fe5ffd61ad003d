namespace Marketplace.Api.Infrastructure.DataProtection;

/// <summary>One Data Protection key element (XML), shared by every API instance through PostgreSQL.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}
