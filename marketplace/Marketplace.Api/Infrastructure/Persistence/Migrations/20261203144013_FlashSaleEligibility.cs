using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Api.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FlashSaleEligibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "min_account_age_minutes",
                table: "flash_sales",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddCheckConstraint(
                name: "ck_flash_sales_min_account_age",
                table: "flash_sales",
                sql: "min_account_age_minutes >= 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_flash_sales_min_account_age",
                table: "flash_sales");

            migrationBuilder.DropColumn(
                name: "min_account_age_minutes",
                table: "flash_sales");
        }
    }
}
