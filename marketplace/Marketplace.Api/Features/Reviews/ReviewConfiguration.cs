using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Reviews;

public sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("reviews", table =>
        {
            table.HasCheckConstraint("ck_reviews_rating", "rating BETWEEN 1 AND 5");
            table.HasCheckConstraint("ck_reviews_status",
                $"status IN ({string.Join(", ", ReviewStatuses.All.Order(StringComparer.Ordinal).Select(s => $"'{s}'"))})");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(r => r.OrderId).HasColumnName("order_id");
        builder.Property(r => r.ListingId).HasColumnName("listing_id");
        builder.Property(r => r.SellerId).HasColumnName("seller_id");
        builder.Property(r => r.AuthorId).HasColumnName("author_id");
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Listing>().WithMany().HasForeignKey(r => r.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.SellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Rating).HasColumnName("rating").HasColumnType("smallint");
        builder.Property(r => r.Text).HasColumnName("text").HasMaxLength(ReviewRules.MaxTextLength).IsRequired();
        builder.Property(r => r.Status).HasColumnName("status").HasMaxLength(16).IsRequired();
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
        builder.Property(r => r.ModeratedAt).HasColumnName("moderated_at");
        builder.Property(r => r.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(r => r.Attempts).HasColumnName("attempts");
        builder.Property(r => r.MalformedVerdicts).HasColumnName("malformed_verdicts");
        builder.Property(r => r.LastError).HasColumnName("last_error").HasMaxLength(500);
        builder.Property(r => r.LanguageFamily).HasColumnName("language_family").HasMaxLength(32);
        builder.Property(r => r.FamilyScore).HasColumnName("family_score");
        builder.Property(r => r.Abuse).HasColumnName("abuse");
        builder.Property(r => r.Sexual).HasColumnName("sexual");
        builder.Property(r => r.Scam).HasColumnName("scam");
        builder.Property(r => r.Spam).HasColumnName("spam");
        builder.Property(r => r.PersonalInfo).HasColumnName("personal_info");
        builder.Ignore(r => r.Scores);
        builder.Property(r => r.ModelVersion).HasColumnName("model_version").HasMaxLength(128);
        builder.Property(r => r.FlaggedCategories).HasColumnName("flagged_categories").HasColumnType("text[]");
        builder.Property(r => r.RejectedCategories).HasColumnName("rejected_categories").HasColumnType("text[]");
        builder.Property(r => r.Appealed).HasColumnName("appealed");

        // One review per order: the insert that loses a race fails here and answers 409.
        builder.HasIndex(r => r.OrderId).IsUnique().HasDatabaseName("ux_reviews_order");
        // The worker's claim: due PENDING reviews, earliest first.
        builder.HasIndex(r => r.NextAttemptAt).HasFilter("status = 'PENDING'").HasDatabaseName("ix_reviews_pending_due");
        // A listing's published reviews, newest first with the id as tie-break.
        builder.HasIndex(r => new { r.ListingId, r.CreatedAt, r.Id })
            .IsDescending(false, true, true)
            .HasFilter("status = 'PUBLISHED'")
            .HasDatabaseName("ix_reviews_listing_published");
        // The admin queue per status, oldest first.
        builder.HasIndex(r => new { r.Status, r.CreatedAt }).HasDatabaseName("ix_reviews_status_created");
    }
}
