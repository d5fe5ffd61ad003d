using Marketplace.Api.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.FlashSales;

public sealed class FlashSaleConfiguration : IEntityTypeConfiguration<FlashSale>
{
    public void Configure(EntityTypeBuilder<FlashSale> builder)
    {
        builder.ToTable("flash_sales", table =>
        {
            // The database refuses oversell even if every other guard failed.
            table.HasCheckConstraint("ck_flash_sales_stock", "stock >= 0 AND stock <= total_stock");
            table.HasCheckConstraint("ck_flash_sales_window", "ends_at > starts_at");
            table.HasCheckConstraint("ck_flash_sales_per_user_limit", "per_user_limit = 1");
            table.HasCheckConstraint("ck_flash_sales_min_account_age", "min_account_age_minutes >= 0");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(s => s.ListingId).HasColumnName("listing_id");
        builder.HasOne<Listing>().WithMany().HasForeignKey(s => s.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.ComplexProperty(s => s.Price, price =>
        {
            price.Property(m => m.Amount).HasColumnName("price_amount").HasColumnType("numeric(18,4)");
            price.Property(m => m.Currency).HasColumnName("price_currency").HasColumnType("char(3)").IsRequired();
        });
        builder.Property(s => s.TotalStock).HasColumnName("total_stock");
        builder.Property(s => s.Stock).HasColumnName("stock");
        builder.Property(s => s.StartsAt).HasColumnName("starts_at");
        builder.Property(s => s.EndsAt).HasColumnName("ends_at");
        builder.Property(s => s.PerUserLimit).HasColumnName("per_user_limit");
        builder.Property(s => s.MinAccountAgeMinutes).HasColumnName("min_account_age_minutes");
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasIndex(s => s.ListingId).HasDatabaseName("ix_flash_sales_listing_id");
        builder.HasIndex(s => s.EndsAt).HasDatabaseName("ix_flash_sales_ends_at");
    }
}
