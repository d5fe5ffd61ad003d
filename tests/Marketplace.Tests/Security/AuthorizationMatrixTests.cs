using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Security;

/// <summary>
/// Every endpoint the API maps × anonymous, buyer, another buyer, seller, another seller, admin → the
/// status the catalogue says, against the real API. The endpoints come from the app's own endpoint data
/// source, so a new endpoint without a catalogue row fails <see cref="Every_mapped_endpoint_has_a_row"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(AccessHarness harness) : IClassFixture<AccessHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> RowKeys => new(EndpointAccessCatalog.Rows.Select(r => r.Key));

    [Fact]
    public void Every_mapped_endpoint_has_a_row()
    {
        // The test host's throwing endpoints are middleware, not routes: nothing to leave out.
        var mapped = MappedEndpoints(harness).ToHashSet(StringComparer.Ordinal);
        var listed = EndpointAccessCatalog.Rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        Assert.True(listed.Count == EndpointAccessCatalog.Rows.Count, "the catalogue lists an endpoint twice");
        Assert.True(mapped.SetEquals(listed),
            "endpoints without a row: [" + string.Join(", ", mapped.Except(listed).Order()) + "]; rows without an endpoint: ["
            + string.Join(", ", listed.Except(mapped).Order()) + "]");
    }

    [Theory]
    [MemberData(nameof(RowKeys))]
    public async Task Each_identity_gets_the_status_the_matrix_says(string key)
    {
        var row = EndpointAccessCatalog.Rows.Single(r => r.Key == key);
        var cells = await Task.WhenAll(Enum.GetValues<Identity>().Select(identity => CallAsync(row, identity)));

        var wrong = cells.Where(c => c.Status != row.Expect.For(c.Identity)).ToList();
        var report = new StringBuilder($"{row.Key}:");
        foreach (var cell in wrong)
        {
            report.Append($"\n  {cell.Identity}: expected {row.Expect.For(cell.Identity)}, got {cell.Status} {cell.Body}");
        }

        Assert.True(wrong.Count == 0, report.ToString());
    }

    /// <summary>"METHOD route" for every route endpoint the app maps (one per method).</summary>
    internal static IReadOnlyList<string> MappedEndpoints(AccessHarness harness) =>
        [.. harness.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {e.RoutePattern.RawText}"))];

    private async Task<(Identity Identity, int Status, string Body)> CallAsync(EndpointAccess row, Identity identity)
    {
        var world = await AccessWorld.BuildAsync(harness, row.Needs);
        using var request = row.Request(world, identity);
        if (world.User(identity) is { } user)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        }

        using var client = harness.Api.CreateClient();
        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (identity, (int)response.StatusCode, body.Length > 300 ? body[..300] : body);
    }
}
