using Bunit;
using Marketplace.Web.Api;
using Marketplace.Web.Components.Shared;

namespace Marketplace.Web.Tests.Components;

/// <summary>Where an API problem's messages appear: beside their field, or in the alert when no field shows them.</summary>
public sealed class ProblemDisplayTests
{
    private static readonly ApiProblem Invalid = new()
    {
        Status = 400,
        Title = "One or more validation errors occurred.",
        Errors = new Dictionary<string, string[]>
        {
            ["price.amount"] = ["The amount must be greater than zero."],
            ["price.currency"] = ["The currency must be an ISO 4217 code."],
            ["title"] = ["Title is required."],
            ["stock"] = ["Stock must be between 0 and 100000."],
        },
    };

    [Fact]
    public void A_field_shows_its_own_messages_and_those_of_its_parts()
    {
        using var context = new BunitContext();
        var price = context.Render<FieldProblem>(p => p.Add(c => c.Problem, Invalid).Add(c => c.Field, "price"));
        var error = price.Find("span.field-error");
        Assert.Equal("price-error", error.Id);
        Assert.Equal("The amount must be greater than zero. The currency must be an ISO 4217 code.", error.TextContent);

        var game = context.Render<FieldProblem>(p => p.Add(c => c.Problem, Invalid).Add(c => c.Field, "game"));
        Assert.Empty(game.FindAll("span"));
    }

    [Fact]
    public void The_alert_lists_only_the_messages_no_field_on_the_form_shows()
    {
        using var context = new BunitContext();
        var cut = context.Render<ProblemAlert>(p => p.Add(c => c.Problem, Invalid).Add(c => c.Fields, ["price", "title"]));
        Assert.Contains("One or more validation errors occurred.", cut.Find("[role=alert] strong").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Stock must be between 0 and 100000."], cut.FindAll("li").Select(li => li.TextContent));
    }

    [Fact]
    public void No_problem_renders_nothing_and_a_detail_is_shown_with_the_title()
    {
        using var context = new BunitContext();
        Assert.Empty(context.Render<ProblemAlert>(p => p.Add(c => c.Problem, null)).Markup.Trim());
        var conflict = new ApiProblem { Status = 409, Title = "The order cannot be paid.", Detail = "The order is CANCELLED." };
        var cut = context.Render<ProblemAlert>(p => p.Add(c => c.Problem, conflict));
        Assert.Equal("The order cannot be paid.", cut.Find("[role=alert] strong").TextContent);
        Assert.Equal("The order is CANCELLED.", cut.Find("[role=alert] .detail").TextContent);
        Assert.Empty(cut.FindAll("li"));
    }
}
