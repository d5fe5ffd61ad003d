using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Infrastructure.Messaging;

public sealed class DeadLetterConfiguration : IEntityTypeConfiguration<DeadLetter>
{
    public void Configure(EntityTypeBuilder<DeadLetter> builder)
    {
        builder.ToTable("dead_letters");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(d => d.Topic).HasColumnName("topic").HasMaxLength(249).IsRequired();
        builder.Property(d => d.Partition).HasColumnName("partition");
        builder.Property(d => d.Offset).HasColumnName("offset");
        builder.Property(d => d.Key).HasColumnName("key");
        builder.Property(d => d.Value).HasColumnName("value").IsRequired();
        builder.Property(d => d.Error).HasColumnName("error").HasMaxLength(2000).IsRequired();
        builder.Property(d => d.Attempts).HasColumnName("attempts");
        builder.Property(d => d.DeadAt).HasColumnName("dead_at");
        builder.Property(d => d.Replays).HasColumnName("replays");
        builder.Property(d => d.LastReplayedAt).HasColumnName("last_replayed_at");
        // A redelivered message that dies again is the same letter: recording it twice is a no-op.
        builder.HasIndex(d => new { d.Topic, d.Partition, d.Offset }).IsUnique().HasDatabaseName("ux_dead_letters_position");
        builder.HasIndex(d => d.DeadAt).HasDatabaseName("ix_dead_letters_dead_at");
    }
}
