using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Api.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FlashSales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "flash_sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    total_stock = table.Column<int>(type: "integer", nullable: false),
                    stock = table.Column<int>(type: "integer", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    per_user_limit = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    price_amount = table.Column<decimal>(type: "numeric(18,4)", nullable: false),
                    price_currency = table.Column<string>(type: "char(3)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flash_sales", x => x.id);
                    table.CheckConstraint("ck_flash_sales_per_user_limit", "per_user_limit = 1");
                    table.CheckConstraint("ck_flash_sales_stock", "stock >= 0 AND stock <= total_stock");
                    table.CheckConstraint("ck_flash_sales_window", "ends_at > starts_at");
                    table.ForeignKey(
                        name: "FK_flash_sales_listings_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "flash_reservations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sale_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    reserved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flash_reservations", x => x.id);
                    table.CheckConstraint("ck_flash_reservations_order", "(status = 'ORDERED') = (order_id IS NOT NULL)");
                    table.CheckConstraint("ck_flash_reservations_status", "status IN ('ORDERED', 'RELEASED')");
                    table.ForeignKey(
                        name: "FK_flash_reservations_flash_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "flash_sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_flash_reservations_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_flash_reservations_user_id",
                table: "flash_reservations",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_flash_reservations_sale_user_ordered",
                table: "flash_reservations",
                columns: new[] { "sale_id", "user_id" },
                unique: true,
                filter: "status = 'ORDERED'");

            migrationBuilder.CreateIndex(
                name: "ix_flash_sales_ends_at",
                table: "flash_sales",
                column: "ends_at");

            migrationBuilder.CreateIndex(
                name: "ix_flash_sales_listing_id",
                table: "flash_sales",
                column: "listing_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "flash_reservations");

            migrationBuilder.DropTable(
                name: "flash_sales");
        }
    }
}
