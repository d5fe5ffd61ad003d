using System.Security.Claims;
using Marketplace.Alipay;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.RateLimiting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Marketplace.Api.Features.Payments;

public static class PaymentEndpoints
{
    /// <summary>Alipay payments and refunds; the payment gate the orders' timeout canceller asks.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAlipay(configuration);
        services.AddSingleton<IPostConfigureOptions<AlipayOptions>, AlipayKeyDirectoryDefaults>();
        services.AddOptions<PaymentsOptions>().Bind(configuration.GetSection(PaymentsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationStorageOptions>().Bind(configuration.GetSection(NotificationStorageOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RefusedNotificationLimiter>();
        services.AddSingleton<PaymentsOptionsValidator>();
        services.AddSingleton<IValidateOptions<PaymentsOptions>>(p => p.GetRequiredService<PaymentsOptionsValidator>());

        services.AddSingleton<IPaymentGate, AlipayPaymentGate>();
        services.AddSingleton<QueriedPayments>();
        services.AddHostedService<QueriedPaymentApplier>();
        services.AddScoped<PaymentApplier>();
        services.AddScoped<RefundExecutor>();
        services.AddSingleton<RefundMetrics>();
        services.AddSingleton<PaymentNotificationMetrics>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(RefundMetrics.MeterName));
        services.AddScoped<GivenUpRefundsHandler>();
        services.AddScoped<PayOrderHandler>();
        services.AddScoped<AlipayNotifyHandler>();
        services.AddScoped<RefundOrderHandler>();
        services.AddSingleton<RefundRetrier>();
        services.AddHostedService(p => p.GetRequiredService<RefundRetrier>());
        return services;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        app.MapPost(PayOrderHandler.NotifyPath, (HttpRequest request, AlipayNotifyHandler handler, CancellationToken ct) =>
                handler.HandleAsync(request, ct))
            .WithTags("Payments").WithName("AlipayNotify").AllowAnonymous().ExcludeFromDescription()
            .RateLimited(RateLimitTarget.ByAddress(RateLimitPolicies.PaymentNotifyPerAddress));

        var orders = app.MapOrdersGroup("Payments");
        orders.MapPost("/{id:guid}/pay", (Guid id, HttpRequest request, ClaimsPrincipal user, PayOrderHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), id, request, ct)).WithName("PayOrder");
        orders.MapPost("/{id:guid}/refund", (Guid id, ClaimsPrincipal user, RefundOrderHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), id, ct)).WithName("RefundOrder");
        return app;
    }
}
