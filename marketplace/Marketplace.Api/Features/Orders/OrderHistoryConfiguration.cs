using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Orders;

public sealed class OrderHistoryConfiguration : IEntityTypeConfiguration<OrderHistory>
{
    public void Configure(EntityTypeBuilder<OrderHistory> builder)
    {
        builder.ToTable("order_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(h => h.OrderId).HasColumnName("order_id");
        builder.HasOne<Order>().WithMany().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.FromState).HasColumnName("from_state").HasMaxLength(16)
            .HasConversion(state => state.HasValue ? state.Value.ToName() : null,
                name => name == null ? null : OrderStateNames.Parse(name));
        builder.Property(h => h.ToState).HasColumnName("to_state").HasMaxLength(16).IsRequired()
            .HasConversion(state => state.ToName(), name => OrderStateNames.Parse(name));
        builder.Property(h => h.Actor).HasColumnName("actor").HasMaxLength(64).IsRequired();
        builder.Property(h => h.Reason).HasColumnName("reason").HasMaxLength(200).IsRequired();
        builder.Property(h => h.At).HasColumnName("at");
        builder.HasIndex(h => new { h.OrderId, h.Id }).HasDatabaseName("ix_order_history_order");
    }
}
