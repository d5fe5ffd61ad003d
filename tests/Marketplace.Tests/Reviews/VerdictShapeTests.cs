using Marketplace.Api.Features.Reviews;
using Moderation.Contracts;
using Moderation.Taxonomy;

namespace Marketplace.Tests.Reviews;

/// <summary>A v2 verdict is applied only when its decision is complete: model version, known category names, a reject that names why.</summary>
public class VerdictShapeTests
{
    private static readonly ModerationDecision Rejecting = new(
        "r1", "model-v1", new FamilyScore("germanic", 0.9f), new CategoryScores(0.9f, 0.1f, 0.1f, 0.1f, 0.1f),
        ModerationAction.Reject, [Categories.Abuse], [Categories.Abuse],
        Categories.All.ToDictionary(c => c, _ => CategoryThreshold.Default), Truncated: false);

    [Fact]
    public void A_complete_decision_can_be_applied() => Assert.Null(VerdictShape.Problem(Rejecting));

    [Fact]
    public void A_reject_that_names_no_rejecting_category_is_malformed() =>
        Assert.Equal("a reject that names no rejecting category", VerdictShape.Problem(Rejecting with { Rejecting = [] }));

    [Fact]
    public void A_category_outside_the_taxonomy_is_malformed() =>
        Assert.StartsWith("unknown category", VerdictShape.Problem(Rejecting with { Flagged = ["toxicity"] }), StringComparison.Ordinal);

    [Fact]
    public void A_decision_without_its_lists_or_model_version_is_malformed()
    {
        Assert.Equal("no flagged or rejecting categories", VerdictShape.Problem(Rejecting with { Flagged = null! }));
        Assert.Equal("no model version", VerdictShape.Problem(Rejecting with { ModelVersion = "" }));
    }
}
