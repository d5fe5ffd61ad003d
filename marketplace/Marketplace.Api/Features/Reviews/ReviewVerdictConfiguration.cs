using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Reviews;

public sealed class ReviewVerdictConfiguration : IEntityTypeConfiguration<ReviewVerdict>
{
    public void Configure(EntityTypeBuilder<ReviewVerdict> builder)
    {
        builder.ToTable("review_verdicts", table =>
        {
            table.HasCheckConstraint("ck_review_verdicts_action", "action IN ('allow', 'hold', 'reject')");
            table.HasCheckConstraint("ck_review_verdicts_source",
                $"source IN ({string.Join(", ", VerdictSources.All.Order(StringComparer.Ordinal).Select(s => $"'{s}'"))})");
        });
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(v => v.ReviewId).HasColumnName("review_id");
        builder.HasOne<Review>().WithMany().HasForeignKey(v => v.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.ModelVersion).HasColumnName("model_version").HasMaxLength(128);
        builder.Property(v => v.FamilyLabel).HasColumnName("family_label").HasMaxLength(32);
        builder.Property(v => v.FamilyScore).HasColumnName("family_score");
        builder.Property(v => v.Abuse).HasColumnName("abuse");
        builder.Property(v => v.Sexual).HasColumnName("sexual");
        builder.Property(v => v.Scam).HasColumnName("scam");
        builder.Property(v => v.Spam).HasColumnName("spam");
        builder.Property(v => v.PersonalInfo).HasColumnName("personal_info");
        builder.Ignore(v => v.Scores);
        builder.Property(v => v.Action).HasColumnName("action").HasMaxLength(8).IsRequired();
        builder.Property(v => v.Source).HasColumnName("source").HasMaxLength(16).IsRequired();
        builder.Property(v => v.Note).HasColumnName("note").HasMaxLength(1000);
        builder.Property(v => v.Actor).HasColumnName("actor").HasMaxLength(64).IsRequired();
        builder.Property(v => v.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(v => new { v.ReviewId, v.Id }).HasDatabaseName("ix_review_verdicts_review");
    }
}
