using Marketplace.Api.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Catalog;

public sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> builder)
    {
        builder.ToTable("listings", table =>
        {
            table.HasCheckConstraint("ck_listings_stock", "stock >= 0");
            table.HasCheckConstraint("ck_listings_price_amount", "price_amount >= 0");
            table.HasCheckConstraint("ck_listings_kind", "kind IN ('item', 'account', 'code')");
            table.HasCheckConstraint("ck_listings_status", "status IN ('ACTIVE', 'DELISTED')");
        });
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(l => l.SellerId).HasColumnName("seller_id");
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.SellerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Title).HasColumnName("title").HasMaxLength(ListingRules.TitleMaxLength).IsRequired();
        builder.Property(l => l.Kind).HasColumnName("kind").HasMaxLength(16).IsRequired();
        builder.Property(l => l.Game).HasColumnName("game").HasMaxLength(ListingRules.GameMaxLength).IsRequired();
        builder.Property(l => l.Description).HasColumnName("description").HasMaxLength(ListingRules.DescriptionMaxLength).IsRequired();
        builder.ComplexProperty(l => l.Price, price =>
        {
            price.Property(m => m.Amount).HasColumnName("price_amount").HasColumnType("numeric(18,4)");
            price.Property(m => m.Currency).HasColumnName("price_currency").HasColumnType("char(3)").IsRequired();
        });
        builder.Property(l => l.Stock).HasColumnName("stock");
        builder.Property(l => l.Status).HasColumnName("status").HasMaxLength(16).IsRequired();
        builder.Property(l => l.CreatedAt).HasColumnName("created_at");
        builder.Property(l => l.UpdatedAt).HasColumnName("updated_at");
        builder.Property(l => l.Version).HasColumnName("version").IsConcurrencyToken();

        // The public browse query: active rows only, filtered by game and/or kind, newest first with
        // the id as tie-break. Partial indexes keep delisted rows out of them.
        builder.HasIndex(l => new { l.Game, l.Kind, l.CreatedAt, l.Id })
            .IsDescending(false, false, true, true)
            .HasFilter("status = 'ACTIVE'")
            .HasDatabaseName("ix_listings_active_game_kind_created");
        builder.HasIndex(l => new { l.Game, l.CreatedAt, l.Id })
            .IsDescending(false, true, true)
            .HasFilter("status = 'ACTIVE'")
            .HasDatabaseName("ix_listings_active_game_created");
        builder.HasIndex(l => new { l.Kind, l.CreatedAt, l.Id })
            .IsDescending(false, true, true)
            .HasFilter("status = 'ACTIVE'")
            .HasDatabaseName("ix_listings_active_kind_created");
        builder.HasIndex(l => new { l.CreatedAt, l.Id })
            .IsDescending(true, true)
            .HasFilter("status = 'ACTIVE'")
            .HasDatabaseName("ix_listings_active_created");
        builder.HasIndex(l => l.SellerId).HasDatabaseName("ix_listings_seller_id");
    }
}
