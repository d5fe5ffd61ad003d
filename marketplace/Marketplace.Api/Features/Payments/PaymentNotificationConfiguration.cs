using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Payments;

public sealed class PaymentNotificationConfiguration : IEntityTypeConfiguration<PaymentNotification>
{
    public void Configure(EntityTypeBuilder<PaymentNotification> builder)
    {
        builder.ToTable("payment_notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(n => n.ReceivedAt).HasColumnName("received_at");
        builder.Property(n => n.OutTradeNo).HasColumnName("out_trade_no").HasMaxLength(128);
        builder.Property(n => n.OrderId).HasColumnName("order_id");
        builder.Property(n => n.NotifyId).HasColumnName("notify_id").HasMaxLength(128);
        builder.Property(n => n.TradeStatus).HasColumnName("trade_status").HasMaxLength(32);
        builder.Property(n => n.Fields).HasColumnName("fields").HasColumnType("jsonb").IsRequired();
        builder.Property(n => n.Verdict).HasColumnName("verdict").HasMaxLength(32).IsRequired();
        builder.Property(n => n.Reason).HasColumnName("reason");
        // No foreign key: refused notifications name orders that may not exist.
        builder.HasIndex(n => n.OutTradeNo).HasDatabaseName("ix_payment_notifications_out_trade_no");
    }
}
