using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Orders;

public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders", table =>
        {
            table.HasCheckConstraint("ck_orders_quantity", "quantity > 0");
            table.HasCheckConstraint("ck_orders_amounts", "unit_price_amount >= 0 AND total_amount >= 0");
            table.HasCheckConstraint("ck_orders_state",
                $"state IN ({string.Join(", ", OrderStateNames.All.Order(StringComparer.Ordinal).Select(s => $"'{s}'"))})");
            table.HasCheckConstraint("ck_orders_flash_reservation", "reservation_id IS NULL OR flash_sale_id IS NOT NULL");
        });
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(o => o.BuyerId).HasColumnName("buyer_id");
        builder.Property(o => o.SellerId).HasColumnName("seller_id");
        builder.Property(o => o.ListingId).HasColumnName("listing_id");
        builder.Property(o => o.FlashSaleId).HasColumnName("flash_sale_id");
        builder.Property(o => o.ReservationId).HasColumnName("reservation_id");
        builder.HasOne<User>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(o => o.SellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Listing>().WithMany().HasForeignKey(o => o.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.Quantity).HasColumnName("quantity");
        builder.ComplexProperty(o => o.UnitPrice, price =>
        {
            price.Property(m => m.Amount).HasColumnName("unit_price_amount").HasColumnType("numeric(18,4)");
            price.Property(m => m.Currency).HasColumnName("unit_price_currency").HasColumnType("char(3)").IsRequired();
        });
        builder.ComplexProperty(o => o.Total, total =>
        {
            total.Property(m => m.Amount).HasColumnName("total_amount").HasColumnType("numeric(18,4)");
            total.Property(m => m.Currency).HasColumnName("total_currency").HasColumnType("char(3)").IsRequired();
        });
        builder.Property(o => o.State).HasColumnName("state").HasMaxLength(16).IsRequired()
            .HasConversion(state => state.ToName(), name => OrderStateNames.Parse(name));
        builder.Property(o => o.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Property(o => o.PaymentDeadline).HasColumnName("payment_deadline");
        builder.Property(o => o.CreatedAt).HasColumnName("created_at");
        builder.Property(o => o.UpdatedAt).HasColumnName("updated_at");

        // One flash-sale order per buyer and sale, one order per reservation: a redelivered
        // OrderRequested message cannot create a second order.
        builder.HasIndex(o => new { o.BuyerId, o.FlashSaleId }).IsUnique()
            .HasFilter("flash_sale_id IS NOT NULL")
            .HasDatabaseName("ux_orders_buyer_flash_sale");
        builder.HasIndex(o => o.ReservationId).IsUnique()
            .HasFilter("reservation_id IS NOT NULL")
            .HasDatabaseName("ux_orders_reservation");
        // "My orders", newest first with the id as tie-break.
        builder.HasIndex(o => new { o.BuyerId, o.CreatedAt, o.Id })
            .IsDescending(false, true, true)
            .HasDatabaseName("ix_orders_buyer_created");
        builder.HasIndex(o => o.SellerId).HasDatabaseName("ix_orders_seller_id");
        builder.HasIndex(o => o.ListingId).HasDatabaseName("ix_orders_listing_id");
        // The timeout canceller's scan: only unpaid orders, oldest deadline first.
        builder.HasIndex(o => o.PaymentDeadline)
            .HasFilter("state = 'PENDING_PAYMENT'")
            .HasDatabaseName("ix_orders_pending_deadline");
    }
}
