using Marketplace.Api.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.FlashSales;

public sealed class FlashReservationConfiguration : IEntityTypeConfiguration<FlashReservation>
{
    public void Configure(EntityTypeBuilder<FlashReservation> builder)
    {
        builder.ToTable("flash_reservations", table =>
        {
            table.HasCheckConstraint("ck_flash_reservations_status", "status IN ('ORDERED', 'RELEASED')");
            table.HasCheckConstraint("ck_flash_reservations_order",
                "(status = 'ORDERED') = (order_id IS NOT NULL)");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(r => r.SaleId).HasColumnName("sale_id");
        builder.HasOne<FlashSale>().WithMany().HasForeignKey(r => r.SaleId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.UserId).HasColumnName("user_id");
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Status).HasColumnName("status").HasMaxLength(16).IsRequired();
        builder.Property(r => r.OrderId).HasColumnName("order_id");
        builder.Property(r => r.Reason).HasColumnName("reason").HasMaxLength(32);
        builder.Property(r => r.ReservedAt).HasColumnName("reserved_at");
        builder.Property(r => r.DecidedAt).HasColumnName("decided_at");

        // One order per buyer per sale, whatever Redis said (it may have lost a write in a crash).
        builder.HasIndex(r => new { r.SaleId, r.UserId })
            .IsUnique()
            .HasFilter("status = 'ORDERED'")
            .HasDatabaseName("ux_flash_reservations_sale_user_ordered");
        builder.HasIndex(r => r.UserId).HasDatabaseName("ix_flash_reservations_user_id");
    }
}
