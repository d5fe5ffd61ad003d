using Marketplace.Api.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Reviews;

public sealed class SellerRatingConfiguration : IEntityTypeConfiguration<SellerRating>
{
    public void Configure(EntityTypeBuilder<SellerRating> builder)
    {
        builder.ToTable("seller_ratings", table =>
            table.HasCheckConstraint("ck_seller_ratings_nonnegative", "review_count >= 0 AND rating_sum >= 0"));
        builder.HasKey(r => r.SellerId);
        builder.Property(r => r.SellerId).HasColumnName("seller_id").ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.SellerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.ReviewCount).HasColumnName("review_count");
        builder.Property(r => r.RatingSum).HasColumnName("rating_sum");
        builder.Property(r => r.UpdatedAt).HasColumnName("updated_at");
    }
}
