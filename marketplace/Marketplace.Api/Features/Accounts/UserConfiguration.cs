using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Accounts;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(u => u.Email).HasColumnName("email").HasMaxLength(EmailAddress.MaxLength).IsRequired();
        builder.Property(u => u.NormalizedEmail).HasColumnName("normalized_email").HasMaxLength(EmailAddress.MaxLength).IsRequired();
        builder.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("ux_users_normalized_email");
        builder.Property(u => u.DisplayName).HasColumnName("display_name").HasMaxLength(64).IsRequired();
        builder.Property(u => u.PasswordHash).HasColumnName("password_hash").IsRequired();
        builder.Property(u => u.Roles).HasColumnName("roles").HasColumnType("text[]").IsRequired();
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.Property(u => u.Version).HasColumnName("version").IsConcurrencyToken();
        // The application sets the stamp; the default gives one to rows inserted by SQL (existing rows, seeds, bulk loads).
        builder.Property(u => u.SecurityStamp).HasColumnName("security_stamp").HasDefaultValueSql("gen_random_uuid()");
    }
}
