using Marketplace.Web;
using Marketplace.Web.Api;
using Marketplace.Web.Components;
using Marketplace.Web.Hosting;
using Marketplace.Web.Session;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Moderation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
// The content root is wherever it was started from (often the repository root), so the default address lives in code.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls(WebDefaults.Url);
}

builder.AddServiceLogging();
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
var services = builder.Services;
services.AddOptions<MarketplaceOptions>().Bind(builder.Configuration.GetSection(MarketplaceOptions.SectionName))
    .ValidateDataAnnotations().ValidateOnStart();
services.AddHttpClient<MarketplaceApi>((sp, http) =>
{
    var options = sp.GetRequiredService<IOptions<MarketplaceOptions>>().Value;
    http.BaseAddress = options.BaseUrl;
    http.Timeout = options.Timeout;
});
services.AddHttpContextAccessor();
services.AddScoped<AccessTokenSource>();
services.AddScoped<SignInFlow>();
services.AddSingleton(TimeProvider.System);

services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
{
    options.Cookie.Name = "marketplace.session";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.LoginPath = "/signin";
    options.LogoutPath = "/signout";
    options.AccessDeniedPath = "/access-denied";
    options.SlidingExpiration = false;
});
services.AddAuthorization();
services.AddCascadingAuthenticationState();
services.AddRazorComponents().AddInteractiveServerComponents();
services.AddServiceHealth();
services.AddWebKeyRing(builder.Configuration);

var app = builder.Build();
// Pages, not problem JSON: a failure shows the error page, an address no page serves the not-found page.
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapServiceHealth();
app.MapSignOut();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Logger.LogInformation("Marketplace web front-end for the API at {Api}", app.Services.GetRequiredService<IOptions<MarketplaceOptions>>().Value.BaseUrl);
await app.RunAsync();
