using System.Security.Claims;
using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Api.Features.Catalog;

public static class CatalogEndpoints
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<CreateListingHandler>();
        services.AddScoped<UpdateListingHandler>();
        services.AddScoped<DelistListingHandler>();
        services.AddScoped<GetListingHandler>();
        services.AddScoped<BrowseListingsHandler>();
        services.AddSingleton<ICacheRegion>(CatalogCache.Listings);
        return services;
    }

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var listings = app.MapGroup("/api/listings").WithTags("Catalog");
        listings.MapGet("/", ([AsParameters] BrowseListingsQuery query, BrowseListingsHandler handler, CancellationToken ct) =>
            handler.HandleAsync(query, ct)).WithName("BrowseListings");
        listings.MapGet("/{id:guid}", (Guid id, GetListingHandler handler, CancellationToken ct) =>
            handler.HandleAsync(id, ct)).WithName("GetListing");
        listings.MapPost("/", (ListingRequest request, ClaimsPrincipal user, CreateListingHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), request, ct)).WithName("CreateListing").RequireAuthorization(AuthPolicies.Seller);
        listings.MapPut("/{id:guid}", (Guid id, ListingRequest request, ClaimsPrincipal user, UpdateListingHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), id, request, ct)).WithName("UpdateListing").RequireAuthorization(AuthPolicies.Seller);
        listings.MapDelete("/{id:guid}", (Guid id, ClaimsPrincipal user, DelistListingHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), user.IsInRole(Roles.Admin), id, ct)).WithName("DelistListing").RequireAuthorization();
        return app;
    }
}
