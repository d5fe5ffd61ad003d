namespace Marketplace.Api.Infrastructure.TextInput;

/// <summary>Wires the NUL-character checks: the JSON converter for bodies, the middleware for query and route.</summary>
public static class TextInputSetup
{
    public static IServiceCollection AddMarketplaceTextInput(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new NulRejectingStringConverter()));

    public static WebApplication UseMarketplaceTextInput(this WebApplication app)
    {
        app.UseMiddleware<NulQueryAndRouteMiddleware>();
        return app;
    }
}
