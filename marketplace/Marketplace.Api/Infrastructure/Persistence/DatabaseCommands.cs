using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Marketplace.Api.Infrastructure.Persistence;

/// <summary>
/// Raw, parameterised Npgsql commands on the context's own connection and transaction, for the
/// places where one conditional statement (with RETURNING or ON CONFLICT) is the point.
/// </summary>
public static class DatabaseCommands
{
    /// <summary>A command enlisted in the context's current transaction, which must exist.</summary>
    public static async Task<NpgsqlCommand> CommandInTransactionAsync(
        this MarketplaceDbContext db, string sql, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("This statement must run inside a transaction (db.Database.BeginTransactionAsync).");
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        return new NpgsqlCommand(sql, connection, transaction);
    }
}
