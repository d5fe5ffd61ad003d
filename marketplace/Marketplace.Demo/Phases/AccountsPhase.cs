using System.Collections.Concurrent;
using System.Net;
using Marketplace.Demo.Http;
using Marketplace.Demo.Wire;

namespace Marketplace.Demo.Phases;

/// <summary>The admin signs in; a seller and the buyers register and sign in (the seller also takes the seller role).</summary>
public static class AccountsPhase
{
    private const string Password = "demo-password-1";

    public static async Task<Cast> RunAsync(DemoContext context, CancellationToken ct)
    {
        var api = context.Marketplace;
        var login = await api.PostAsync("/api/auth/login", new LoginBody(context.Options.AdminEmail, context.Options.AdminPassword), null, ct);
        if (login.Status == HttpStatusCode.Unauthorized)
        {
            throw new DemoAbortedException($"the admin {context.Options.AdminEmail} cannot sign in (401): start the marketplace with Admin:Email and Admin:Password");
        }

        var adminToken = login.Expect<IssuedToken>(HttpStatusCode.OK).AccessToken;
        var me = (await api.GetAsync("/api/auth/me", adminToken, ct)).Expect<CurrentUser>(HttpStatusCode.OK);
        if (!me.Roles.Contains("admin"))
        {
            throw new DemoAbortedException($"{context.Options.AdminEmail} signed in but has no admin role");
        }

        var admin = new DemoUser(me.Email, me.UserId, adminToken);
        var seller = await SignUpAsync(api, $"demo-{context.RunTag}-seller@example.com", "Demo seller", ct);
        var sellerToken = (await api.PostAsync("/api/auth/become-seller", null, seller.Token, ct)).Expect<IssuedToken>(HttpStatusCode.OK).AccessToken;
        seller = seller with { Token = sellerToken };

        var buyers = new ConcurrentDictionary<int, DemoUser>();
        await Steps.RunAsync($"accounts: {context.Options.Buyers} buyers register and sign in", context.Options.Buyers, async task =>
        {
            await Steps.ForEachAsync(Enumerable.Range(0, context.Options.Buyers), context.Options.Concurrency, task, async (i, token) =>
                buyers[i] = await SignUpAsync(api, $"demo-{context.RunTag}-buyer-{i:D4}@example.com", $"Demo buyer {i}", token), ct);
            return 0;
        });
        return new Cast(admin, seller, [.. buyers.OrderBy(kv => kv.Key).Select(kv => kv.Value)]);
    }

    private static async Task<DemoUser> SignUpAsync(ApiClient api, string email, string name, CancellationToken ct)
    {
        var id = (await api.PostAsync("/api/auth/register", new RegisterBody(email, Password, name), null, ct)).Expect<RegisteredUser>(HttpStatusCode.Created).UserId;
        var token = (await api.PostAsync("/api/auth/login", new LoginBody(email, Password), null, ct)).Expect<IssuedToken>(HttpStatusCode.OK).AccessToken;
        return new DemoUser(email, id, token);
    }
}
