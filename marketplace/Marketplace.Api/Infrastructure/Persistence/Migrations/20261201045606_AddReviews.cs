using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Api.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seller_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rating = table.Column<short>(type: "smallint", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    moderated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    language_family = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    family_score = table.Column<float>(type: "real", nullable: true),
                    abuse = table.Column<float>(type: "real", nullable: true),
                    sexual = table.Column<float>(type: "real", nullable: true),
                    scam = table.Column<float>(type: "real", nullable: true),
                    spam = table.Column<float>(type: "real", nullable: true),
                    personal_info = table.Column<float>(type: "real", nullable: true),
                    model_version = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    flagged_categories = table.Column<string[]>(type: "text[]", nullable: false),
                    rejected_categories = table.Column<string[]>(type: "text[]", nullable: false),
                    appealed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviews", x => x.id);
                    table.CheckConstraint("ck_reviews_rating", "rating BETWEEN 1 AND 5");
                    table.CheckConstraint("ck_reviews_status", "status IN ('HELD', 'PENDING', 'PUBLISHED', 'REJECTED')");
                    table.ForeignKey(
                        name: "FK_reviews_listings_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_reviews_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_reviews_users_author_id",
                        column: x => x.author_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_reviews_users_seller_id",
                        column: x => x.seller_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "seller_ratings",
                columns: table => new
                {
                    seller_id = table.Column<Guid>(type: "uuid", nullable: false),
                    review_count = table.Column<int>(type: "integer", nullable: false),
                    rating_sum = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seller_ratings", x => x.seller_id);
                    table.CheckConstraint("ck_seller_ratings_nonnegative", "review_count >= 0 AND rating_sum >= 0");
                    table.ForeignKey(
                        name: "FK_seller_ratings_users_seller_id",
                        column: x => x.seller_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_verdicts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    review_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_version = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    family_label = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    family_score = table.Column<float>(type: "real", nullable: true),
                    abuse = table.Column<float>(type: "real", nullable: true),
                    sexual = table.Column<float>(type: "real", nullable: true),
                    scam = table.Column<float>(type: "real", nullable: true),
                    spam = table.Column<float>(type: "real", nullable: true),
                    personal_info = table.Column<float>(type: "real", nullable: true),
                    action = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_verdicts", x => x.id);
                    table.CheckConstraint("ck_review_verdicts_action", "action IN ('allow', 'hold', 'reject')");
                    table.CheckConstraint("ck_review_verdicts_source", "source IN ('admin', 'appeal', 'auto', 'remoderation')");
                    table.ForeignKey(
                        name: "FK_review_verdicts_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_review_verdicts_review",
                table: "review_verdicts",
                columns: new[] { "review_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_reviews_author_id",
                table: "reviews",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_listing_published",
                table: "reviews",
                columns: new[] { "listing_id", "created_at", "id" },
                descending: new[] { false, true, true },
                filter: "status = 'PUBLISHED'");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_pending_due",
                table: "reviews",
                column: "next_attempt_at",
                filter: "status = 'PENDING'");

            migrationBuilder.CreateIndex(
                name: "IX_reviews_seller_id",
                table: "reviews",
                column: "seller_id");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_status_created",
                table: "reviews",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_reviews_order",
                table: "reviews",
                column: "order_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_verdicts");

            migrationBuilder.DropTable(
                name: "seller_ratings");

            migrationBuilder.DropTable(
                name: "reviews");
        }
    }
}
