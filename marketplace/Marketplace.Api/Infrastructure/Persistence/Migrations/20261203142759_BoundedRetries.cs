using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Api.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BoundedRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_refunds_pending",
                table: "refunds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_refunds_status",
                table: "refunds");

            migrationBuilder.AddColumn<int>(
                name: "malformed_verdicts",
                table: "reviews",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "gave_up_at",
                table: "refunds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                table: "refunds",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            migrationBuilder.CreateTable(
                name: "dead_letters",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    topic = table.Column<string>(type: "character varying(249)", maxLength: 249, nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    offset = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "text", nullable: true),
                    value = table.Column<byte[]>(type: "bytea", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    dead_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    replays = table.Column<int>(type: "integer", nullable: false),
                    last_replayed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dead_letters", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_refunds_gave_up",
                table: "refunds",
                column: "gave_up_at",
                filter: "status = 'GAVE_UP'");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_pending_due",
                table: "refunds",
                column: "next_attempt_at",
                filter: "status = 'PENDING'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_refunds_status",
                table: "refunds",
                sql: "status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'GAVE_UP')");

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_dead_at",
                table: "dead_letters",
                column: "dead_at");

            migrationBuilder.CreateIndex(
                name: "ux_dead_letters_position",
                table: "dead_letters",
                columns: new[] { "topic", "partition", "offset" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dead_letters");

            migrationBuilder.DropIndex(
                name: "ix_refunds_gave_up",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "ix_refunds_pending_due",
                table: "refunds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_refunds_status",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "malformed_verdicts",
                table: "reviews");

            migrationBuilder.DropColumn(
                name: "gave_up_at",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "refunds");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_pending",
                table: "refunds",
                column: "created_at",
                filter: "status = 'PENDING'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_refunds_status",
                table: "refunds",
                sql: "status IN ('PENDING', 'SUCCEEDED', 'FAILED')");
        }
    }
}
