using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Infrastructure.DataProtection;

public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(k => k.FriendlyName).HasColumnName("friendly_name").HasMaxLength(256).IsRequired();
        builder.Property(k => k.Xml).HasColumnName("xml").IsRequired();
    }
}
