using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gaceta.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MediaLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LeadMediaId",
                table: "Stories",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MediaItem",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    ByteCount = table.Column<long>(type: "bigint", nullable: false),
                    Credit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FocalX = table.Column<double>(type: "double precision", nullable: true),
                    FocalY = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaItem", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MediaOriginals",
                columns: table => new
                {
                    MediaItemId = table.Column<int>(type: "integer", nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaOriginals", x => x.MediaItemId);
                    table.ForeignKey(
                        name: "FK_MediaOriginals_MediaItem_MediaItemId",
                        column: x => x.MediaItemId,
                        principalTable: "MediaItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MediaTexts",
                columns: table => new
                {
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    MediaItemId = table.Column<int>(type: "integer", nullable: false),
                    Alt = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Caption = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaTexts", x => new { x.MediaItemId, x.Language });
                    table.ForeignKey(
                        name: "FK_MediaTexts_MediaItem_MediaItemId",
                        column: x => x.MediaItemId,
                        principalTable: "MediaItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Stories_LeadMediaId",
                table: "Stories",
                column: "LeadMediaId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaItem_CreatedAt",
                table: "MediaItem",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MediaItem_Hash",
                table: "MediaItem",
                column: "Hash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Stories_MediaItem_LeadMediaId",
                table: "Stories",
                column: "LeadMediaId",
                principalTable: "MediaItem",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Stories_MediaItem_LeadMediaId",
                table: "Stories");

            migrationBuilder.DropTable(
                name: "MediaOriginals");

            migrationBuilder.DropTable(
                name: "MediaTexts");

            migrationBuilder.DropTable(
                name: "MediaItem");

            migrationBuilder.DropIndex(
                name: "IX_Stories_LeadMediaId",
                table: "Stories");

            migrationBuilder.DropColumn(
                name: "LeadMediaId",
                table: "Stories");
        }
    }
}
