using Marketplace.Api.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Fulfilment;

public sealed class OrderDeliveryConfiguration : IEntityTypeConfiguration<OrderDelivery>
{
    public void Configure(EntityTypeBuilder<OrderDelivery> builder)
    {
        builder.ToTable("order_deliveries");
        builder.HasKey(d => d.OrderId);
        builder.Property(d => d.OrderId).HasColumnName("order_id").ValueGeneratedNever();
        builder.HasOne<Order>().WithOne().HasForeignKey<OrderDelivery>(d => d.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Kind).HasColumnName("kind").HasMaxLength(16).IsRequired();
        builder.Property(d => d.ProtectedSecret).HasColumnName("protected_secret");
        builder.Property(d => d.Note).HasColumnName("note").HasMaxLength(2000);
        builder.Property(d => d.ShippedAt).HasColumnName("shipped_at");
        // The auto-completer's scan.
        builder.HasIndex(d => d.ShippedAt).HasDatabaseName("ix_order_deliveries_shipped_at");
    }
}
