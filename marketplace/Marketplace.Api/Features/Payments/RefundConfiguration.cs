using Marketplace.Api.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Payments;

public sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds", table => table.HasCheckConstraint("ck_refunds_status",
            $"status IN ('{RefundStatuses.Pending}', '{RefundStatuses.Succeeded}', '{RefundStatuses.Failed}', '{RefundStatuses.GaveUp}')"));
        builder.HasKey(r => r.OutRequestNo);
        builder.Property(r => r.OutRequestNo).HasColumnName("out_request_no").HasMaxLength(64);
        builder.Property(r => r.OrderId).HasColumnName("order_id");
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.OrderId).IsUnique().HasDatabaseName("ux_refunds_order");
        builder.Property(r => r.OutTradeNo).HasColumnName("out_trade_no").HasMaxLength(64).IsRequired();
        builder.Property(r => r.Amount).HasColumnName("amount").HasColumnType("numeric(18,2)");
        builder.Property(r => r.Reason).HasColumnName("reason").HasMaxLength(32).IsRequired();
        builder.Property(r => r.Status).HasColumnName("status").HasMaxLength(16).IsRequired();
        builder.Property(r => r.Attempts).HasColumnName("attempts");
        builder.Property(r => r.LastError).HasColumnName("last_error");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.SucceededAt).HasColumnName("succeeded_at");
        builder.Property(r => r.NextAttemptAt).HasColumnName("next_attempt_at").HasDefaultValueSql("now()");
        builder.Property(r => r.GaveUpAt).HasColumnName("gave_up_at");
        // The retrier's sweep: due PENDING refunds, earliest first.
        builder.HasIndex(r => r.NextAttemptAt).HasFilter($"status = '{RefundStatuses.Pending}'").HasDatabaseName("ix_refunds_pending_due");
        // The admins' list of refunds the retrier gave up on.
        builder.HasIndex(r => r.GaveUpAt).HasFilter($"status = '{RefundStatuses.GaveUp}'").HasDatabaseName("ix_refunds_gave_up");
    }
}
