using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaceta.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PollOptionVoteCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "VoteCount",
                table: "PollOption",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Votes stored before the tallies existed are counted once, here.
            migrationBuilder.Sql(
                """UPDATE "PollOption" SET "VoteCount" = (SELECT COUNT(*) FROM "Votes" WHERE "Votes"."OptionId" = "PollOption"."Id")""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VoteCount",
                table: "PollOption");
        }
    }
}
