using Marketplace.Api.Features.Orders;

namespace Marketplace.Tests.Orders;

public sealed class OrderStateMachineTests
{
    private static readonly (OrderState From, OrderState To)[] LegalPairs =
    [
        (OrderState.PendingPayment, OrderState.Paid),
        (OrderState.PendingPayment, OrderState.Cancelled),
        (OrderState.Paid, OrderState.Shipped),
        (OrderState.Paid, OrderState.Refunded),
        (OrderState.Shipped, OrderState.Completed),
    ];

    public static TheoryData<OrderState, OrderState> Legal => new(LegalPairs);

    [Theory]
    [MemberData(nameof(Legal))]
    public void The_documented_transitions_are_legal(OrderState from, OrderState to) =>
        Assert.True(OrderStateMachine.CanTransition(from, to));

    [Fact]
    public void Every_other_pair_is_illegal_and_no_state_moves_to_itself()
    {
        var legal = LegalPairs.ToHashSet();
        foreach (var from in Enum.GetValues<OrderState>())
        {
            foreach (var to in Enum.GetValues<OrderState>())
            {
                Assert.Equal(legal.Contains((from, to)), OrderStateMachine.CanTransition(from, to));
            }
        }

        Assert.All([OrderState.Completed, OrderState.Cancelled, OrderState.Refunded], s => Assert.True(OrderStateMachine.IsFinal(s)));
    }

    [Fact]
    public void State_names_round_trip()
    {
        foreach (var state in Enum.GetValues<OrderState>())
        {
            Assert.Equal(state, OrderStateNames.Parse(state.ToName()));
        }

        Assert.Equal("PENDING_PAYMENT", OrderState.PendingPayment.ToName());
        Assert.Throws<ArgumentException>(() => OrderStateNames.Parse("pending"));
    }
}
