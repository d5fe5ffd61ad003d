using Marketplace.Api.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Api.Features.Payments;

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.OrderId);
        builder.Property(p => p.OrderId).HasColumnName("order_id").ValueGeneratedNever();
        builder.HasOne<Order>().WithOne().HasForeignKey<Payment>(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.OutTradeNo).HasColumnName("out_trade_no").HasMaxLength(64).IsRequired();
        builder.HasIndex(p => p.OutTradeNo).IsUnique().HasDatabaseName("ux_payments_out_trade_no");
        builder.Property(p => p.Amount).HasColumnName("amount").HasColumnType("numeric(18,2)");
        builder.Property(p => p.Currency).HasColumnName("currency").HasColumnType("char(3)").IsRequired();
        builder.Property(p => p.OpenedAt).HasColumnName("opened_at");
        builder.Property(p => p.TradeNo).HasColumnName("trade_no").HasMaxLength(64);
        builder.Property(p => p.PaidAt).HasColumnName("paid_at");
    }
}
